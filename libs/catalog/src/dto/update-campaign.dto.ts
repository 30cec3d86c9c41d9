import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateCampaignDto } from './create-campaign.dto';

/** Every field but the key (leads refer to it) may change; null only clears startsOn and endsOn. */
export class UpdateCampaignDto extends PartialType(OmitType(CreateCampaignDto, ['key'] as const), { skipNullProperties: false }) {}
