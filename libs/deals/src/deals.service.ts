// Deal registration: submit, review (approve or reject), extend, and the window job. Each change is one transaction.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, partnerScopeOf, Principal } from '@leadgate/auth';
import { LeadTypesRepository } from '@leadgate/catalog';
import { Clock, DomainError, Page, pageOffset, toPage } from '@leadgate/common';
import { computeDueTimes, DueTimeOutOfRangeError, InvalidCalendarError } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { RegisteredLeadsRepository } from '@leadgate/lifecycle';
import { DealEvent, NotificationsService } from '@leadgate/notifications';
import { WebhookOutbox } from '@leadgate/webhooks';
import type { Deal } from './deal';
import { DealPartner, DealsRepository } from './deals.repository';
import { CreateDealDto } from './dto/create-deal.dto';
import { ApproveDealDto, DealsQuery, ExtensionRequestDto, RejectDealDto } from './dto/decide-deal.dto';
import { DealView, managedViewOf, ManagedDealView, partnerViewOf } from './dto/deal-view.dto';
import { buyerKeys, companyDomainOf, extendedUntil, protectedUntil, WindowSettings } from './policy';

/**
 * The lead type an approved registration's lead gets, found by its key (which never changes): seeded by migration
 * 1764200001000 with these fields, editable by admins like any other — approvals keep using it when renamed or
 * deactivated — and recreated from these fields should it ever be missing.
 */
export const REGISTERED_DEAL_TYPE = {
  key: 'registered-deal',
  name: 'Registered deal',
  definition: 'A buyer a partner found itself and registered; approved by a channel manager. No offer to accept: the partner holds it at once.',
  // No accept clock runs (see RegisteredLeadsRepository), so the accept SLA is unused; contact within 2 business days, feedback within 10.
  slaAcceptMinutes: 1,
  slaContactMinutes: 960,
  slaFeedbackMinutes: 4800,
  businessTime: true,
};

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_BATCH = 200;

@Injectable()
export class DealsService {
  private readonly window: WindowSettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly deals: DealsRepository,
    private readonly leadTypes: LeadTypesRepository,
    private readonly registeredLeads: RegisteredLeadsRepository,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhookOutbox,
  ) {
    const env = config.env;
    this.window = { exclusivityDays: env.DEAL_EXCLUSIVITY_DAYS, reminderDays: env.DEAL_REMINDER_DAYS, extensionDays: env.DEAL_EXTENSION_DAYS };
  }

  get rejectReasons(): string[] {
    return this.config.env.DEAL_REJECT_REASONS;
  }

  /** A partner user or token registers a deal; the conflict check runs at once and is stored for the review. */
  async submit(principal: Principal, dto: CreateDealDto): Promise<DealView> {
    const partnerId = principal.partnerId;
    if (!partnerId) throw DomainError.notFound('Partner');
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const partner = await this.deals.partner(tx, partnerId);
      if (!partner) throw DomainError.notFound('Partner');
      if (partner.standing === 'suspended' && !this.config.env.DEAL_ALLOW_SUSPENDED) {
        throw DomainError.conflict(`${partner.name} is suspended for missed SLAs, so it cannot register deals now. Catch up on your overdue leads first.`);
      }
      const email = dto.email ?? null;
      const keys = buyerKeys({ ...dto, email });
      const conflicts = await this.deals.conflicts(tx, keys, partnerId, this.wonSince(now), now);
      const id = await this.deals.insert(tx, {
        partnerId, submittedBy: actorOf(principal), company: dto.company, companyKey: keys.companyKey, contactName: dto.contactName ?? null,
        email, emailDomain: companyDomainOf(email), phone: dto.phone ?? null, country: dto.country, postalCode: dto.postalCode ?? null,
        productInterest: dto.productInterest ?? null, amountMinor: dto.amountMinor ?? null, currency: dto.currency ?? null,
        expectedCloseOn: dto.expectedCloseOn ?? null, notes: dto.notes ?? null, conflicts, submittedAt: now,
      });
      const deal = (await this.deals.find(tx, id, { kind: 'all' }))!;
      await this.notify(tx, deal, 'submitted', now);
      return partnerViewOf(deal);
    });
  }

  async list(principal: Principal, query: DealsQuery): Promise<Page<DealView | ManagedDealView>> {
    const { items, total } = await this.page(principal, query);
    return toPage(items.map((deal) => this.viewFor(principal, deal)), total, query);
  }

  /** The full records of one page in the caller's scope, for the pages. */
  async page(principal: Principal, query: DealsQuery): Promise<Page<Deal>> {
    const { deals, total } = await this.deals.list(partnerScopeOf(principal), { status: query.status }, { offset: pageOffset(query), limit: query.pageSize });
    return toPage(deals, total, query);
  }

  /** One registration: the partner's view for its own users, both sides for the channel manager. Outside the scope: 404. */
  async get(principal: Principal, id: string): Promise<DealView | ManagedDealView> {
    return this.viewFor(principal, await this.find(principal, id));
  }

  /** The full record, for the pages of a caller in scope. */
  async find(principal: Principal, id: string): Promise<Deal> {
    const deal = await this.deals.find(this.dataSource.manager, id, partnerScopeOf(principal));
    if (!deal) throw DomainError.notFound('Deal registration');
    return deal;
  }

  /**
   * The channel manager approves: the conflicts are checked again; another partner's protected registration
   * blocks it, any other conflict needs acknowledging. The buyer becomes a lead the partner holds, with the
   * registered-deal type's contact and feedback clocks, and the window of exclusivity starts.
   */
  async approve(principal: Principal, id: string, dto: ApproveDealDto): Promise<ManagedDealView> {
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const deal = await this.lockSubmitted(tx, principal, id, 'approve');
      await this.deals.lockBuyer(tx, buyerKeys(deal));
      const conflicts = await this.deals.conflicts(tx, buyerKeys(deal), deal.partnerId, this.wonSince(now), now, deal.id);
      const blocking = conflicts.find((c) => c.kind === 'registration' && c.status === 'approved');
      if (blocking) {
        throw DomainError.conflict(`${blocking.partnerName}'s approved registration already protects this buyer; reject this one, or wait until that protection ends.`);
      }
      if (conflicts.length > 0 && dto.acknowledgeConflicts !== true) {
        throw DomainError.invalid([{
          field: 'acknowledgeConflicts',
          problems: [`the check found ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} with existing leads or registrations; compare them, then confirm to approve anyway`],
        }]);
      }
      const partner = (await this.deals.partner(tx, deal.partnerId))!;
      const type = await this.leadTypes.ensure(tx, REGISTERED_DEAL_TYPE.key, REGISTERED_DEAL_TYPE);
      const due = this.dueTimes(type, partner, now);
      const [firstName, lastName] = splitName(deal.contactName);
      const { leadId } = await this.registeredLeads.create(tx, {
        dealId: deal.id, partnerId: partner.id, partnerName: partner.name, leadTypeId: type.id, at: now, email: deal.email, firstName, lastName,
        phone: deal.phone, company: deal.company, country: deal.country, postalCode: deal.postalCode, productInterest: deal.productInterest,
        notes: deal.notes, currency: deal.currency, contactDueAt: due.contactDueAt, feedbackDueAt: due.feedbackDueAt, actor: actorOf(principal),
      });
      const until = protectedUntil(now, this.window);
      await this.deals.approve(tx, deal.id, { at: now, by: actorOf(principal), leadId, protectedUntil: until, conflicts });
      const approved = (await this.deals.find(tx, deal.id, { kind: 'all' }))!;
      await this.notify(tx, approved, 'approved', now);
      return managedViewOf(approved);
    });
  }

  async reject(principal: Principal, id: string, dto: RejectDealDto): Promise<ManagedDealView> {
    if (!this.rejectReasons.includes(dto.reasonCode)) {
      throw DomainError.invalid([{ field: 'reasonCode', problems: [`reasonCode must be one of: ${this.rejectReasons.join(', ')}`] }]);
    }
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const deal = await this.lockSubmitted(tx, principal, id, 'reject');
      const conflicts = await this.deals.conflicts(tx, buyerKeys(deal), deal.partnerId, this.wonSince(now), now, deal.id);
      await this.deals.reject(tx, deal.id, { at: now, by: actorOf(principal), reasonCode: dto.reasonCode, reasonText: dto.reasonText ?? null, conflicts });
      const rejected = (await this.deals.find(tx, deal.id, { kind: 'all' }))!;
      await this.notify(tx, rejected, 'rejected', now);
      return managedViewOf(rejected);
    });
  }

  /** The partner asks for more time on an approved registration; its channel manager is told. */
  async requestExtension(principal: Principal, id: string, dto: ExtensionRequestDto): Promise<DealView> {
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const deal = await this.lockApproved(tx, principal, id);
      await this.deals.requestExtension(tx, deal.id, now, dto.note ?? null);
      const requested = (await this.deals.find(tx, deal.id, { kind: 'all' }))!;
      await this.notify(tx, requested, 'extension_requested', now);
      return partnerViewOf(requested);
    });
  }

  /** The channel manager extends an approved registration's window by DEAL_EXTENSION_DAYS. */
  async extend(principal: Principal, id: string): Promise<ManagedDealView> {
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const deal = await this.lockApproved(tx, principal, id);
      await this.deals.extend(tx, deal.id, extendedUntil(deal.protectedUntil!, now, this.window));
      const extended = (await this.deals.find(tx, deal.id, { kind: 'all' }))!;
      await this.notify(tx, extended, 'extended', now);
      return managedViewOf(extended);
    });
  }

  /**
   * The `deal-windows` job: ends the windows that are over, then reminds partners of windows ending within
   * DEAL_REMINDER_DAYS. Protection itself ends on time whenever this runs (allocation compares the end with now).
   */
  async runWindows(): Promise<{ dealsExpired: number; dealReminders: number }> {
    const dealsExpired = await this.inBatches('expired', (tx, now) => this.deals.expire(tx, now, WINDOW_BATCH));
    const dealReminders = await this.inBatches('expiring', (tx, now) => this.deals.markReminders(tx, now, this.window.reminderDays, WINDOW_BATCH));
    return { dealsExpired, dealReminders };
  }

  /** Runs `step` in transactions of up to WINDOW_BATCH deals, each deal's change told in its transaction, until a batch is short; returns how many. */
  private async inBatches(event: DealEvent, step: (tx: EntityManager, now: Date) => Promise<Deal[]>): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await inTransaction(this.dataSource, async (tx) => {
        const now = this.clock.now();
        const deals = await step(tx, now);
        for (const deal of deals) await this.notify(tx, deal, event, now);
        return deals.length;
      });
      total += batch;
      if (batch < WINDOW_BATCH) return total;
    }
  }

  private viewFor(principal: Principal, deal: Deal): DealView | ManagedDealView {
    return principal.partnerId ? partnerViewOf(deal) : managedViewOf(deal);
  }

  private async lockApproved(tx: EntityManager, principal: Principal, id: string): Promise<Deal> {
    const deal = await this.deals.find(tx, id, partnerScopeOf(principal), true);
    if (!deal) throw DomainError.notFound('Deal registration');
    if (deal.status !== 'approved') throw DomainError.conflict(`This registration is ${deal.status}; only an approved one can be extended.`);
    return deal;
  }

  private async lockSubmitted(tx: EntityManager, principal: Principal, id: string, verb: string): Promise<Deal> {
    const deal = await this.deals.find(tx, id, partnerScopeOf(principal), true);
    if (!deal) throw DomainError.notFound('Deal registration');
    if (deal.status !== 'submitted') throw DomainError.conflict(`This registration is already ${deal.status}; only a submitted one can be ${verb === 'approve' ? 'approved' : 'rejected'}.`);
    return deal;
  }

  private wonSince(now: Date): Date {
    return new Date(now.getTime() - this.config.env.DEAL_WON_LOOKBACK_DAYS * DAY_MS);
  }

  private dueTimes(
    type: { slaAcceptMinutes: number; slaContactMinutes: number; slaFeedbackMinutes: number; businessTime: boolean },
    partner: Pick<DealPartner, 'name' | 'timezone' | 'businessHours' | 'holidays'>,
    now: Date,
  ) {
    try {
      return computeDueTimes(
        { offeredAt: now, accept: type.slaAcceptMinutes, contact: type.slaContactMinutes, feedback: type.slaFeedbackMinutes, businessTime: type.businessTime },
        { timezone: partner.timezone, hours: partner.businessHours, holidays: partner.holidays },
      );
    } catch (error) {
      if (!(error instanceof DueTimeOutOfRangeError || error instanceof InvalidCalendarError)) throw error;
      throw DomainError.conflict(`${partner.name}'s business calendar cannot time the registered-deal clocks; fix its business hours first.`);
    }
  }

  /** The change's emails and its `deal.*` webhook event, in the change's transaction. */
  private async notify(tx: EntityManager, deal: Deal, event: DealEvent, at: Date): Promise<void> {
    const reason = deal.reasonCode ? `${deal.reasonCode.replace(/_/g, ' ')}${deal.reasonText ? ` (${deal.reasonText})` : ''}` : null;
    await this.notifications.dealChanged(tx, [{
      event, dealId: deal.id, partnerId: deal.partnerId, partnerName: deal.partnerName, company: deal.company,
      conflicted: deal.conflicts.length > 0, protectedUntil: deal.protectedUntil, reason, at,
    }]);
    // An extension request is between the partner and its channel manager: no event for integrators.
    if (event !== 'extension_requested') {
      await this.webhooks.dealChanged(tx, [{
        event, dealId: deal.id, partnerId: deal.partnerId, leadId: deal.leadId, protectedUntil: deal.protectedUntil, reasonCode: deal.reasonCode, at,
      }]);
    }
  }
}

/** "Jane van Doe" → ["Jane", "van Doe"]; one word is a first name. */
function splitName(name: string | null): [string | null, string | null] {
  if (!name) return [null, null];
  const [first, ...rest] = name.trim().split(/\s+/);
  return [first, rest.length > 0 ? rest.join(' ') : null];
}
