import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { UuidParam } from '@leadgate/common';
import { DeclineLeadDto } from './dto/decline-lead.dto';
import { FeedbackDto } from './dto/feedback.dto';
import { LogActivityDto } from './dto/log-activity.dto';
import { NextStepAnswerDto, NextStepDto } from './dto/next-step.dto';
import { partnerAnswerOf, PartnerActionAnswerDto } from './dto/partner-action-answer.dto';
import { FollowUpService } from './follow-up.service';

/** What a partner does with a lead it holds. Another partner's lead is a 404; a wrong-status action a 409. */
@ApiTags('follow-up')
@Controller('api/v1/leads/:id')
@Authorize('partner_admin', 'partner_rep')
@ApiNotFoundResponse({ description: 'No such lead among your partner’s leads' })
@ApiConflictResponse({ description: 'The lead’s status does not allow this action now' })
@ApiOkResponse({ type: PartnerActionAnswerDto })
export class FollowUpController {
  constructor(private readonly followUp: FollowUpService) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an offered lead (stops the accept clock)' })
  @ApiOkResponse({ type: PartnerActionAnswerDto })
  accept(@Param('id', UuidParam('Lead')) id: string, @CurrentPrincipal() principal: Principal): Promise<PartnerActionAnswerDto> {
    return this.followUp.accept(id, principal).then(partnerAnswerOf);
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a lead with a reason; it is offered to another partner at once' })
  @ApiOkResponse({ type: PartnerActionAnswerDto })
  decline(@Param('id', UuidParam('Lead')) id: string, @Body() dto: DeclineLeadDto, @CurrentPrincipal() principal: Principal): Promise<PartnerActionAnswerDto> {
    return this.followUp.decline(id, principal, dto).then(partnerAnswerOf);
  }

  @Post('activities')
  @HttpCode(201)
  @ApiOperation({ summary: 'Log a call, email, meeting or note; the first contact stops the contact clock' })
  @ApiCreatedResponse({ type: PartnerActionAnswerDto })
  logActivity(@Param('id', UuidParam('Lead')) id: string, @Body() dto: LogActivityDto, @CurrentPrincipal() principal: Principal): Promise<PartnerActionAnswerDto> {
    return this.followUp.logActivity(id, principal, dto).then(partnerAnswerOf);
  }

  @Post('feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a verdict: qualified, disqualified, opportunity, won or lost (stops the feedback clock)' })
  @ApiOkResponse({ type: PartnerActionAnswerDto })
  feedback(@Param('id', UuidParam('Lead')) id: string, @Body() dto: FeedbackDto, @CurrentPrincipal() principal: Principal): Promise<PartnerActionAnswerDto> {
    return this.followUp.feedback(id, principal, dto).then(partnerAnswerOf);
  }

  @Put('next-step')
  @ApiOperation({ summary: 'Plan the next step on a lead (a day and what); null clears it. Shown in the inbox; no clock depends on it' })
  @ApiOkResponse({ type: NextStepAnswerDto })
  nextStep(@Param('id', UuidParam('Lead')) id: string, @Body() dto: NextStepDto, @CurrentPrincipal() principal: Principal): Promise<NextStepAnswerDto> {
    return this.followUp.setNextStep(id, principal, dto);
  }
}
