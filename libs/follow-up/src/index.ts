export { DeclineLeadDto } from './dto/decline-lead.dto';
export { FeedbackDto } from './dto/feedback.dto';
export { LogActivityDto } from './dto/log-activity.dto';
export { NextStepDto } from './dto/next-step.dto';
export { FollowUpModule } from './follow-up.module';
export { FollowUpService } from './follow-up.service';
export { AssignOwnerDto, MAX_LEADS_PER_ASSIGNMENT } from './dto/assign-owner.dto';
export { OwnersService } from './owners.service';
