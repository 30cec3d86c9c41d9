import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, Authorize, CurrentPrincipal, describePrincipal, IDEMPOTENCY_KEY_HEADER, Principal, ScopedIdempotencyKey } from '@leadgate/auth';
import { toLeadResponse } from '@leadgate/leads';
import { BulkIntakeDto } from './dto/bulk-intake.dto';
import { CreateLeadDto } from './dto/create-lead.dto';
import { BulkIntakeResponseDto, IntakeResponseDto } from './dto/intake-response.dto';
import { IntakeService } from './intake.service';

const idempotencyHeader = ApiHeader({
  name: IDEMPOTENCY_KEY_HEADER,
  required: false,
  description:
    'Up to 200 characters, kept per API token or user. A retry with the same key and the same request answers what the first one did (marked Idempotent-Replayed: true); the same key with another request is a 422.',
});

@ApiTags('leads')
@Controller('api/v1/leads')
@Authorize('intake', 'admin')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @ApiOperation({ summary: 'Send in a lead', description: 'The same email and lead type inside the duplicate window returns the first lead with 200.' })
  @idempotencyHeader
  @ApiCreatedResponse({ type: IntakeResponseDto, description: 'A new lead was created' })
  @ApiOkResponse({ type: IntakeResponseDto, description: 'An idempotent replay or a duplicate: the existing lead' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; each problem is listed per field and nothing is saved' })
  async create(
    @Body() dto: CreateLeadDto,
    @ScopedIdempotencyKey() idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IntakeResponseDto> {
    const { lead, outcome } = await this.intake.intake(dto, { idempotencyKey, actor: actorOf(principal), source: describePrincipal(principal) });
    res.status(outcome === 'created' ? HttpStatus.CREATED : HttpStatus.OK);
    return { ...toLeadResponse(lead), duplicate: outcome === 'duplicate', idempotentReplay: outcome === 'idempotent_replay' };
  }

  @Post('bulk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send in up to 1000 leads', description: 'Each lead is validated and saved on its own; the response lists the outcome of each.' })
  @idempotencyHeader
  @ApiOkResponse({ type: BulkIntakeResponseDto })
  createMany(
    @Body() dto: BulkIntakeDto,
    @ScopedIdempotencyKey() idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BulkIntakeResponseDto> {
    return this.intake.intakeMany(dto.leads, { idempotencyKey, actor: actorOf(principal), source: describePrincipal(principal) });
  }
}
