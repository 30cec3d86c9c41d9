import { ApiProperty } from '@nestjs/swagger';
import type { LeftLead } from '@leadgate/lifecycle';

/** A lead that left the partner: what happened and why, without the buyer's contact details. */
export class LeftLeadDto {
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ example: 'Example GmbH' }) company: string;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty({ example: 'Demo request' }) leadType: string;
  @ApiProperty({ enum: ['declined', 'recalled', 'reassigned'], description: 'declined by the partner, recalled when not accepted in time, or moved to another partner by a channel manager' })
  outcome: string;
  @ApiProperty() offeredAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'The accept deadline of the offer (what a recall missed); null for a registered deal, which has no accept clock' })
  acceptDueAt: Date | null;
  @ApiProperty() endedAt: Date;
  @ApiProperty({ nullable: true, type: String, example: 'no_capacity' }) reasonCode: string | null;
  @ApiProperty({ nullable: true, type: String }) reasonText: string | null;
}

export class LeftLeadPageDto {
  @ApiProperty({ type: [LeftLeadDto] }) items: LeftLeadDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export const toLeftLead = (left: LeftLead): LeftLeadDto => ({
  leadId: left.leadId,
  company: left.company,
  country: left.country,
  leadType: left.leadTypeName,
  outcome: left.status,
  offeredAt: left.offeredAt,
  acceptDueAt: left.acceptDueAt,
  endedAt: left.endedAt,
  reasonCode: left.reasonCode,
  reasonText: left.reasonText,
});
