import { Module } from '@nestjs/common';
import { AuthModule } from '@leadgate/auth';
import { UsersModule } from '@leadgate/users';
import { PartnersController } from './partners.controller';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [PartnersController],
  providers: [PartnersService, PartnersRepository],
  exports: [PartnersService],
})
export class PartnersModule {}
