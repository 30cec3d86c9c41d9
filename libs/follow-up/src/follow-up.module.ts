import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { LeadsModule } from '@leadgate/leads';
import { FollowUpController } from './follow-up.controller';
import { FollowUpService } from './follow-up.service';

/** Partner follow-up: accept, decline, activities, feedback. */
@Module({
  imports: [LeadsModule, AllocationModule],
  controllers: [FollowUpController],
  providers: [FollowUpService],
  exports: [FollowUpService],
})
export class FollowUpModule {}
