export * from './dto/create-lead.dto';
export * from './intake-result';
export * from './intake.module';
export * from './intake.service';
export * from './lead-input';
