import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AUDIT_ENTITIES, AuditEntity, AuditService } from '@leadgate/audit';
import { Authorize } from '@leadgate/auth';
import { PageQuery, pageOffset, toPage } from '@leadgate/common';

export class AuditQuery extends PageQuery {
  @ApiProperty({ enum: AUDIT_ENTITIES, description: 'What kind of setting' })
  @IsIn(AUDIT_ENTITIES, { message: `entity must be one of: ${AUDIT_ENTITIES.join(', ')}` })
  entity: AuditEntity;

  @ApiPropertyOptional({ description: 'One record (a lead type, partner, calendar or user id)' })
  @IsOptional() @IsString() @MaxLength(200)
  entityId?: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: AUDIT_ENTITIES }) entity: AuditEntity;
  @ApiProperty() entityId: string;
  @ApiProperty({ example: 'changed' }) action: string;
  @ApiProperty({ example: 'user:…' }) actor: string;
  @ApiProperty({ example: 'Ada Admin' }) actorName: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: Object, nullable: true, description: 'The changed fields as they were (null when created)' }) before: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true, description: 'The changed fields as they became' }) after: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

@ApiTags('audit')
@Controller('api/v1/audit')
@Authorize('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who changed lead types, partners, holiday calendars and users, when, before → after; newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQuery): Promise<AuditPageDto> {
    const { entries, total } = await this.audit.list({ entity: query.entity, entityId: query.entityId }, pageOffset(query), query.pageSize);
    return toPage(entries, total, query);
  }
}
