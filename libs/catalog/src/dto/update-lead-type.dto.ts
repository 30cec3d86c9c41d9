import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateLeadTypeDto } from './create-lead-type.dto';

/** Every field but the key (intake systems depend on it) may change; null only clears slaUpdateCadenceMinutes. */
export class UpdateLeadTypeDto extends PartialType(OmitType(CreateLeadTypeDto, ['key'] as const), { skipNullProperties: false }) {}
