import { Module } from '@nestjs/common';
import { AuthModule } from '@leadgate/auth';
import { ClockModule } from '@leadgate/common';
import { ConfigModule } from '@leadgate/config';
import { DatabaseModule } from '@leadgate/database';
import { IntakeModule } from '@leadgate/intake';
import { PartnersModule } from '@leadgate/partners';
import { UsersModule } from '@leadgate/users';
import { WebhookOutboxModule } from '@leadgate/webhooks';

/** What the operator commands need: no HTTP server, no demo banner, no background jobs. */
@Module({
  imports: [ConfigModule.forRoot(), ClockModule, DatabaseModule.forRoot(), WebhookOutboxModule, UsersModule, AuthModule, PartnersModule, IntakeModule],
})
export class CliModule {}
