import { PartialType } from '@nestjs/swagger';
import { CreatePartnerDto } from './create-partner.dto';

/** Every field optional; null only clears contactEmail and channelManagerId. Deactivate with active=false. */
export class UpdatePartnerDto extends PartialType(CreatePartnerDto, { skipNullProperties: false }) {}
