import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { ClockModule } from '@leadgate/common';
import { ConfigModule } from '@leadgate/config';
import { DatabaseModule } from '@leadgate/database';

/** The services under measurement, without HTTP. */
@Module({ imports: [ConfigModule.forRoot(), ClockModule, DatabaseModule.forRoot(), AllocationModule] })
export class BenchModule {}
