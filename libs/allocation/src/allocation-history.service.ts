import { Injectable } from '@nestjs/common';
import { DomainError } from '@leadgate/common';
import { AllocationDecision, DecisionsRepository, LeadsRepository } from '@leadgate/lifecycle';

@Injectable()
export class AllocationHistoryService {
  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly leads: LeadsRepository,
  ) {}

  /** Oldest first, so the list reads as the lead's story. */
  async decisionsFor(leadId: string): Promise<AllocationDecision[]> {
    if (!(await this.leads.exists(leadId))) throw DomainError.notFound('Lead');
    return this.decisions.forLead(leadId);
  }
}
