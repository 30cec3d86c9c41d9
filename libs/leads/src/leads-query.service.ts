import { Injectable } from '@nestjs/common';
import { Clock, DomainError, Page, pageOffset, PageQuery, toPage } from '@leadgate/common';
import { AssignmentsRepository, LeadsRepository, LeadStatus, TimelineRepository, WORK_STAGE_STATUSES, WORK_STAGES, WorkStage } from '@leadgate/lifecycle';
import { LeadDetailDto } from './dto/lead-detail.dto';
import { ListedLeadDto, toLeadResponse, toListedLead } from './dto/lead-response.dto';
import { LeadsQuery } from './dto/leads-query.dto';
import { LeftLeadDto, toLeftLead } from './dto/left-lead.dto';
import { LeadReadScope } from './lead-read-scope';

/** Reads leads for the API; the caller's scope is part of every query, so another partner's lead is simply not found. */
@Injectable()
export class LeadsQueryService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: LeadsQuery, scope: LeadReadScope): Promise<Page<ListedLeadDto>> {
    const { leads, total } = await this.leads.list(
      {
        status: query.status,
        statuses: query.stage && WORK_STAGE_STATUSES[query.stage],
        search: query.q?.trim() || undefined,
        order: query.sort,
        leadTypeKey: query.leadType,
        campaignKey: query.campaign,
        country: query.country,
        partnerId: query.partnerId,
        createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
        createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
        overdueAt: query.overdue ? this.clock.now() : undefined,
      },
      scope,
      { offset: pageOffset(query), limit: query.pageSize },
    );
    return toPage(leads.map(toListedLead), total, query);
  }

  /** The leads that left this partner (declined, recalled, moved away), the latest first. */
  async leftLeads(partnerId: string, query: PageQuery): Promise<Page<LeftLeadDto>> {
    const { items, total } = await this.assignments.leftBy(partnerId, { offset: pageOffset(query), limit: query.pageSize });
    return toPage(items.map(toLeftLead), total, query);
  }

  /** How many leads the scope holds at each stage of the work. */
  async stageCounts(scope: LeadReadScope): Promise<Record<WorkStage, number>> {
    const byStatus = await this.leads.countByStatus(scope);
    const count = (statuses: readonly LeadStatus[]) => statuses.reduce((sum, status) => sum + (byStatus.get(status) ?? 0), 0);
    return Object.fromEntries(WORK_STAGES.map((stage) => [stage, count(WORK_STAGE_STATUSES[stage])])) as Record<WorkStage, number>;
  }

  async findOne(id: string, scope: LeadReadScope): Promise<LeadDetailDto> {
    const found = await this.leads.findInScope(id, scope);
    if (!found) throw DomainError.notFound('Lead');
    // Partners see the lead's own events and their partner's, never another partner's.
    const partnerId = scope.kind === 'partner' ? scope.partnerId : null;
    const [timeline, assignments] = await Promise.all([this.timeline.forLead(id, partnerId), this.assignments.forLead(id, partnerId)]);
    return { ...toLeadResponse(found.lead), leadType: found.leadType, campaign: found.campaign, timeline, assignments };
  }
}
