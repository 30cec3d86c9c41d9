import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray } from 'class-validator';
import { MAX_BULK_LEADS } from '../intake-result';
import { CreateLeadDto } from './create-lead.dto';

/** Items are validated one by one by the service, so one bad lead is reported and never blocks the rest. */
export class BulkIntakeDto {
  /** Tells the validation pipe to leave the items' text to the service's per-item check too. */
  static readonly validatesItemsItself = true;

  @ApiProperty({ type: [CreateLeadDto], maxItems: MAX_BULK_LEADS, minItems: 1 })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_BULK_LEADS)
  leads: unknown[];
}
