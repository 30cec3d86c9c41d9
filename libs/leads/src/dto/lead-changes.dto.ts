import { ApiProperty } from '@nestjs/swagger';
import { LeadResponseDto } from './lead-response.dto';

/** One page of the change feed (`GET /api/v1/leads?updatedSince=`). */
export class LeadChangesPageDto {
  @ApiProperty({ type: [LeadResponseDto], description: 'Leads as they are now, in the order their changes committed' })
  items: LeadResponseDto[];

  @ApiProperty({ description: 'Pass as updatedSince to read the changes after this page; keep it even when the page was empty', example: 'eyJ4IjoiNzQxIiwiaSI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJ9' })
  nextCursor: string;

  @ApiProperty({ description: 'More changes are ready now: ask again at once with nextCursor (otherwise poll later)' })
  hasMore: boolean;
}
