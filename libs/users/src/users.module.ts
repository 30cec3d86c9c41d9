import { Module } from '@nestjs/common';
import { OneTimeLinksRepository } from './one-time-links.repository';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  providers: [UsersService, UsersRepository, OneTimeLinksRepository],
  exports: [UsersService],
})
export class UsersModule {}
