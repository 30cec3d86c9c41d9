import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { LifecycleModule } from '@leadgate/lifecycle';
import { NotificationsModule } from '@leadgate/notifications';
import { FollowUpController } from './follow-up.controller';
import { FollowUpService } from './follow-up.service';
import { OwnersController } from './owners.controller';
import { OwnersService } from './owners.service';

/** Partner follow-up: accept, decline, activities, feedback. */
@Module({
  imports: [LifecycleModule, AllocationModule, NotificationsModule],
  controllers: [OwnersController, FollowUpController],
  providers: [FollowUpService, OwnersService],
  exports: [FollowUpService, OwnersService],
})
export class FollowUpModule {}
