import { Injectable } from '@nestjs/common';
import { DomainError, PartnerScope } from '@leadgate/common';
import { AllocationDecision, DecisionsRepository, LeadsRepository } from '@leadgate/lifecycle';

@Injectable()
export class AllocationHistoryService {
  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly leads: LeadsRepository,
  ) {}

  /** Oldest first, so the list reads as the lead's story; a lead outside the caller's scope is a 404. */
  async decisionsFor(leadId: string, scope: PartnerScope): Promise<AllocationDecision[]> {
    if (!(await this.leads.findInScope(leadId, scope))) throw DomainError.notFound('Lead');
    return this.decisions.forLead(leadId);
  }
}
