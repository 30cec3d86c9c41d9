import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Campaign, CampaignsService, LeadType, LeadTypesService } from '@leadgate/catalog';
import { Clock, DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { openClocksDue } from '@leadgate/database';
import { AssignmentDto, CatalogRefDto, LeadDetailDto, TimelineEventDto } from './dto/lead-detail.dto';
import { LeadResponseDto, toLeadResponse } from './dto/lead-response.dto';
import { LeadsQuery } from './dto/leads-query.dto';
import { LeadEvent } from './lead-event.entity';
import { LeadReadScope } from './lead-read-scope';
import { Lead } from './lead.entity';

/** Reads leads for the API; the caller's scope is part of every query, so another partner's lead is simply not found. */
@Injectable()
export class LeadsQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly leadTypes: LeadTypesService,
    private readonly campaigns: CampaignsService,
  ) {}

  async list(query: LeadsQuery, scope: LeadReadScope): Promise<Page<LeadResponseDto>> {
    const qb = this.scoped(scope);
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (query.leadType) qb.andWhere('l.leadTypeId IN (SELECT lt.id FROM lead_types lt WHERE lt.key = :leadType)', { leadType: query.leadType });
    if (query.campaign) qb.andWhere('l.campaignId IN (SELECT c.id FROM campaigns c WHERE c.key = :campaign)', { campaign: query.campaign });
    if (query.partnerId) qb.andWhere('l.currentPartnerId = :partnerId', { partnerId: query.partnerId });
    if (query.createdFrom) qb.andWhere('l.createdAt >= :createdFrom', { createdFrom: new Date(query.createdFrom) });
    if (query.createdTo) qb.andWhere('l.createdAt < :createdTo', { createdTo: new Date(query.createdTo) });
    if (query.overdue) qb.andWhere(OVERDUE, { now: this.clock.now() });
    const [leads, total] = await qb
      .orderBy('l.createdAt', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .offset(pageOffset(query))
      .limit(query.pageSize)
      .getManyAndCount();
    return toPage(leads.map(toLeadResponse), total, query);
  }

  async findOne(id: string, scope: LeadReadScope): Promise<LeadDetailDto> {
    const lead = await this.scoped(scope).andWhere('l.id = :id', { id }).getOne();
    if (!lead) throw DomainError.notFound('Lead');
    const partnerId = scope.kind === 'partner' ? scope.partnerId : null;
    const [leadType, campaign, timeline, assignments] = await Promise.all([
      this.leadTypes.findById(lead.leadTypeId),
      lead.campaignId ? this.campaigns.findById(lead.campaignId) : null,
      this.timeline(lead.id, partnerId),
      this.assignments(lead.id, partnerId),
    ]);
    return { ...toLeadResponse(lead), leadType: catalogRef(leadType), campaign: campaign && catalogRef(campaign), timeline, assignments };
  }

  private scoped(scope: LeadReadScope): SelectQueryBuilder<Lead> {
    const qb = this.dataSource.getRepository(Lead).createQueryBuilder('l');
    return scope.kind === 'partner' ? qb.andWhere('l.currentPartnerId = :scopePartnerId', { scopePartnerId: scope.partnerId }) : qb;
  }

  /** Partners see the lead's own events and their partner's, never another partner's. */
  private async timeline(leadId: string, partnerId: string | null): Promise<TimelineEventDto[]> {
    const qb = this.dataSource.getRepository(LeadEvent).createQueryBuilder('e').where('e.leadId = :leadId', { leadId });
    if (partnerId) qb.andWhere('(e.partnerId IS NULL OR e.partnerId = :partnerId)', { partnerId });
    const events = await qb.orderBy('e.at', 'ASC').addOrderBy('e.id', 'ASC').getMany();
    return events.map(({ id, at, kind, actor, summary, partnerId: eventPartnerId, data }) => ({ id, at, kind, actor, summary, partnerId: eventPartnerId, data }));
  }

  private assignments(leadId: string, partnerId: string | null): Promise<AssignmentDto[]> {
    return this.dataSource.query(
      `SELECT id, partner_id AS "partnerId", status, offered_at AS "offeredAt", accept_due_at AS "acceptDueAt",
              contact_due_at AS "contactDueAt", feedback_due_at AS "feedbackDueAt", accepted_at AS "acceptedAt",
              first_contact_at AS "firstContactAt", feedback_at AS "feedbackAt", ended_at AS "endedAt",
              end_reason_code AS "endReasonCode", end_reason_text AS "endReasonText"
         FROM assignments
        WHERE lead_id = $1 AND ($2::uuid IS NULL OR partner_id = $2::uuid)
        ORDER BY offered_at, id`,
      [leadId, partnerId],
    );
  }
}

/** A lead whose open assignment has a clock past due and not yet met. */
const OVERDUE = `l.id IN (SELECT a.lead_id FROM assignments a WHERE ${openClocksDue({ dueBefore: ':now' })})`;

const catalogRef = ({ id, key, name }: LeadType | Campaign): CatalogRefDto => ({ id, key, name });
