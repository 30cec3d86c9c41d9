export { DeclineLeadDto } from './dto/decline-lead.dto';
export { FeedbackDto } from './dto/feedback.dto';
export { LogActivityDto } from './dto/log-activity.dto';
export { FollowUpModule } from './follow-up.module';
export { FollowUpService } from './follow-up.service';
