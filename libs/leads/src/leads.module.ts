import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@leadgate/catalog';
import { LeadEvent } from './lead-event.entity';
import { Lead } from './lead.entity';
import { LeadsQueryService } from './leads-query.service';
import { LeadsController } from './leads.controller';
import { TimelineService } from './timeline.service';

@Module({
  imports: [TypeOrmModule.forFeature([Lead, LeadEvent]), CatalogModule],
  controllers: [LeadsController],
  providers: [LeadsQueryService, TimelineService],
  exports: [TypeOrmModule, TimelineService, LeadsQueryService],
})
export class LeadsModule {}
