import { Injectable } from '@nestjs/common';
import { DomainError, PartnerScope } from '@leadgate/common';
import { AllocationDecision, AssignmentsRepository, DecisionsRepository, LeadsRepository } from '@leadgate/lifecycle';

@Injectable()
export class AllocationHistoryService {
  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly leads: LeadsRepository,
    private readonly assignments: AssignmentsRepository,
  ) {}

  /**
   * For leads the caller already read in its scope: each one's latest decision, and which partners declined
   * it with what reason code — the queue's "why is it waiting" and "who should not get it again".
   */
  async lastDecisions(leadIds: string[]): Promise<{ latest: Map<string, AllocationDecision>; declines: Map<string, Map<string, string | null>> }> {
    const [latest, declines] = await Promise.all([this.decisions.latestForLeads(leadIds), this.assignments.declinesOf(leadIds)]);
    const byLead = new Map<string, Map<string, string | null>>();
    for (const d of declines) byLead.set(d.leadId, (byLead.get(d.leadId) ?? new Map()).set(d.partnerId, d.reasonCode));
    return { latest: new Map(latest.map((d) => [d.leadId, d])), declines: byLead };
  }

  /** Oldest first, so the list reads as the lead's story; a lead outside the caller's scope is a 404. */
  async decisionsFor(leadId: string, scope: PartnerScope): Promise<AllocationDecision[]> {
    if (!(await this.leads.findInScope(leadId, scope))) throw DomainError.notFound('Lead');
    return this.decisions.forLead(leadId);
  }
}
