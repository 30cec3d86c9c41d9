import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { LifecycleModule } from '@leadgate/lifecycle';
import { FollowUpController } from './follow-up.controller';
import { FollowUpService } from './follow-up.service';

/** Partner follow-up: accept, decline, activities, feedback. */
@Module({
  imports: [LifecycleModule, AllocationModule],
  controllers: [FollowUpController],
  providers: [FollowUpService],
  exports: [FollowUpService],
})
export class FollowUpModule {}
