import { OmitType, PartialType } from '@nestjs/swagger';
import { CreatePartnerDto } from './create-partner.dto';

/** Every field optional; null only clears contactEmail, channelManagerId and holidayCalendarId. Deactivate with active=false. */
export class UpdatePartnerDto extends PartialType(OmitType(CreatePartnerDto, ['firstAdmin'] as const), { skipNullProperties: false }) {}
