import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '@leadgate/common';
import { Lead } from '@leadgate/leads';
import { AllocationDecision } from './allocation-decision.entity';

@Injectable()
export class AllocationHistoryService {
  constructor(
    @InjectRepository(AllocationDecision) private readonly decisions: Repository<AllocationDecision>,
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
  ) {}

  /** Oldest first, so the list reads as the lead's story. */
  async decisionsFor(leadId: string): Promise<AllocationDecision[]> {
    if (!(await this.leads.existsBy({ id: leadId }))) throw DomainError.notFound('Lead');
    return this.decisions.find({ where: { leadId }, order: { decidedAt: 'ASC' } });
  }
}
