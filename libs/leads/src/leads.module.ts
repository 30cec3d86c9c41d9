import { Module } from '@nestjs/common';
import { LifecycleModule } from '@leadgate/lifecycle';
import { LeadChangesService } from './lead-changes.service';
import { LeadsQueryService } from './leads-query.service';
import { LeadsController } from './leads.controller';

/** The leads HTTP read API over the lifecycle's repositories. */
@Module({
  imports: [LifecycleModule],
  controllers: [LeadsController],
  providers: [LeadsQueryService, LeadChangesService],
  exports: [LeadsQueryService],
})
export class LeadsModule {}
