export * from './dto/decline-lead.dto';
export * from './dto/feedback.dto';
export * from './dto/log-activity.dto';
export * from './follow-up.module';
export * from './follow-up.service';
