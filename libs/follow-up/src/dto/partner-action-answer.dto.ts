import { ApiProperty } from '@nestjs/swagger';
import { LEAD_STATUSES, LeadStatus } from '@leadgate/lifecycle';
import type { ActionResult } from '../follow-up.service';

/**
 * What a partner is told after an action: its lead and the status its action set. Never where a
 * declined lead went next: that would name (or hint at) another partner.
 */
export class PartnerActionAnswerDto {
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ enum: LEAD_STATUSES, description: 'The status this action moved the lead to (declined for a decline)' }) status: LeadStatus;
}

export const partnerAnswerOf = (result: ActionResult): PartnerActionAnswerDto => ({ leadId: result.leadId, status: result.status });
