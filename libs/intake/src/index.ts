export type { CreateLeadDto } from './dto/create-lead.dto';
export { IntakeModule } from './intake.module';
export { IntakeService } from './intake.service';
export { validateLeadInput } from './lead-input';
