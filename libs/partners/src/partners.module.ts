import { Module } from '@nestjs/common';
import { AuditModule } from '@leadgate/audit';
import { AccountLifecycleModule, AuthModule } from '@leadgate/auth';
import { LifecycleModule } from '@leadgate/lifecycle';
import { UsersModule } from '@leadgate/users';
import { HolidayCalendarsController } from './holiday-calendars/holiday-calendars.controller';
import { HolidayCalendarsRepository } from './holiday-calendars/holiday-calendars.repository';
import { HolidayCalendarsService } from './holiday-calendars/holiday-calendars.service';
import { PartnersController } from './partners.controller';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';
import { PausesController } from './pauses.controller';
import { PausesRepository } from './pauses.repository';
import { PausesService } from './pauses.service';

@Module({
  imports: [AuthModule, AccountLifecycleModule, AuditModule, UsersModule, LifecycleModule],
  controllers: [PartnersController, PausesController, HolidayCalendarsController],
  providers: [PartnersService, PartnersRepository, PausesService, PausesRepository, HolidayCalendarsService, HolidayCalendarsRepository],
  exports: [PartnersService, PausesService, HolidayCalendarsService],
})
export class PartnersModule {}
