import { Module } from '@nestjs/common';
import { AuthModule } from '@leadgate/auth';
import { LifecycleModule } from '@leadgate/lifecycle';
import { UsersModule } from '@leadgate/users';
import { PartnersController } from './partners.controller';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';
import { PausesController } from './pauses.controller';
import { PausesRepository } from './pauses.repository';
import { PausesService } from './pauses.service';

@Module({
  imports: [AuthModule, UsersModule, LifecycleModule],
  controllers: [PartnersController, PausesController],
  providers: [PartnersService, PartnersRepository, PausesService, PausesRepository],
  exports: [PartnersService, PausesService],
})
export class PartnersModule {}
