// What became of the leads an intake caller sent.
import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@leadgate/auth';
import { DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { SentLeadsQuery } from './dto/sent-lead.dto';
import { SentLead, SentLeadsRepository } from './sent-leads.repository';

@Injectable()
export class SentLeadsService {
  constructor(private readonly sent: SentLeadsRepository) {}

  async list(principal: Principal, query: SentLeadsQuery): Promise<Page<SentLead>> {
    const { items, total } = await this.sent.list(actorOf(principal), query.externalId ?? null, { offset: pageOffset(query), limit: query.pageSize });
    return toPage(items, total, query);
  }

  /** Another sender's lead is a 404, as if it did not exist. */
  async findOne(principal: Principal, id: string): Promise<SentLead> {
    const lead = await this.sent.find(actorOf(principal), id);
    if (!lead) throw DomainError.notFound('Lead');
    return lead;
  }
}
