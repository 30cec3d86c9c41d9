import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from '@leadgate/auth';
import { CatalogModule } from '@leadgate/catalog';
import { AppConfig } from '@leadgate/config';
import { FollowUpModule } from '@leadgate/follow-up';
import { LeadsModule } from '@leadgate/leads';
import { PartnersModule } from '@leadgate/partners';
import { HomeController } from './home.controller';
import { LeadsPagesController } from './leads-pages.controller';
import { LoginController } from './login.controller';

/** The server-rendered browser pages: sign-in, the signed-in start page, and the partner's leads. */
@Module({
  imports: [
    AuthModule,
    CatalogModule,
    FollowUpModule,
    LeadsModule,
    PartnersModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'login', limit: config.env.LOGIN_RATE_LIMIT, ttl: config.env.LOGIN_RATE_WINDOW_SECONDS * 1000 }],
      }),
    }),
  ],
  controllers: [HomeController, LeadsPagesController, LoginController],
})
export class PagesModule {}
