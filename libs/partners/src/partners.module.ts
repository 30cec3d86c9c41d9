import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '@leadgate/users';
import { Partner } from './partner.entity';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({
  imports: [TypeOrmModule.forFeature([Partner]), UsersModule],
  controllers: [PartnersController],
  providers: [PartnersService],
  exports: [TypeOrmModule, PartnersService],
})
export class PartnersModule {}
