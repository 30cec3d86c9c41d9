import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadEvent } from './lead-event.entity';
import { Lead } from './lead.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Lead, LeadEvent])],
  exports: [TypeOrmModule],
})
export class LeadsModule {}
