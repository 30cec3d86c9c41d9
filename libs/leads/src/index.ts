export * from './dto/lead-response.dto';
export * from './lead-event.entity';
export * from './lead-read-scope';
export * from './lead-status';
export * from './lead.entity';
export * from './leads.module';
export * from './timeline.service';
