import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NewLeadAllocator } from '@leadgate/allocation';
import { Campaign, CampaignsService, LeadType, LeadTypesService } from '@leadgate/catalog';
import { Clock, DomainError, DomainErrorCode, FieldProblem } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { REGISTERED_DEAL_TYPE } from '@leadgate/deals';
import { inTransaction } from '@leadgate/database';
import { Lead, LeadsRepository, TimelineKind, TimelineRepository } from '@leadgate/lifecycle';
import { CreateLeadDto } from './dto/create-lead.dto';
import { IntakeContext, IntakeItemResult, IntakeManyResult, IntakeResult, MAX_BULK_LEADS } from './intake-result';
import { validateLeadInput } from './lead-input';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A key stored on a lead names that buyer and lead type for good (the HTTP layer's record of the answer expires):
 * reused for another buyer it is refused, never answered with someone else's lead.
 */
function replayOf(lead: Lead, input: CreateLeadDto, refs: References): IntakeResult {
  if (lead.emailNormalized !== input.email.toLowerCase() || lead.leadTypeId !== refs.leadType.id) {
    throw DomainError.invalid([{ field: 'Idempotency-Key', problems: ['Idempotency-Key was already used for another buyer or lead type; use a new key'] }]);
  }
  return { lead, outcome: 'idempotent_replay' };
}
// Connections one bulk request may use at once; the rest of the pool stays free for other requests.
const BULK_CONCURRENCY = 4;
// Leads of a bulk request stored before they are allocated together (NewLeadAllocator), so that they wait
// new for at most a chunk's time.
const ALLOCATION_CHUNK = 50;

interface References {
  leadType: LeadType;
  campaign: Campaign | null;
}

/** Takes leads in: never loses one, never stores one twice (idempotency key, duplicate window). */
@Injectable()
export class IntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadsRepository,
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly allocator: NewLeadAllocator,
    private readonly leadTypes: LeadTypesService,
    private readonly campaigns: CampaignsService,
  ) {}

  /** Stores the lead and, once stored, allocates it (with other requests' new leads: NewLeadAllocator). */
  async intake(input: CreateLeadDto, ctx: IntakeContext): Promise<IntakeResult> {
    const result = await this.take(input, ctx);
    if (result.outcome !== 'created') return result;
    await this.allocator.allocate([result.lead]);
    // Read again, as allocation moved it on.
    return { lead: (await this.leads.findById(this.dataSource.manager, result.lead.id)) ?? result.lead, outcome: 'created' };
  }

  /** Stores the lead, unless it is a replay or a duplicate. */
  private take(input: CreateLeadDto, ctx: IntakeContext): Promise<IntakeResult> {
    return inTransaction(this.dataSource, async (manager): Promise<IntakeResult> => {
      // Serialises requests for the same buyer and lead type, so neither the replay nor the duplicate check can race.
      await this.leads.lockBuyer(manager, input.email, input.leadType);

      const refs = await this.resolveReferences(manager, input);
      if (ctx.idempotencyKey) {
        const replayed = await this.leads.findByIdempotencyKey(manager, ctx.idempotencyKey);
        if (replayed) return replayOf(replayed, input, refs);
      }

      const duplicate = await this.findDuplicate(manager, input.email, refs.leadType.id);
      if (duplicate) return { lead: duplicate, outcome: 'duplicate' };

      const created = await this.createInTransaction(manager, input, refs, ctx);
      if (created) return { lead: created, outcome: 'created' };
      // Only an Idempotency-Key conflict skips the insert: a request for another buyer with the same key won.
      return replayOf((await this.leads.findByIdempotencyKey(manager, ctx.idempotencyKey!))!, input, refs);
    });
  }

  /**
   * Validates and takes in each lead in its own transaction, so one bad lead never blocks the others.
   * With an idempotency key, item i uses "<key>#<i>": resending the same batch replays it. The leads
   * are stored a chunk at a time, and each chunk's new leads allocated together (NewLeadAllocator).
   */
  async intakeMany(raws: unknown[], ctx: IntakeContext): Promise<IntakeManyResult> {
    if (raws.length > MAX_BULK_LEADS) {
      throw DomainError.invalid([{ field: 'leads', problems: [`at most ${MAX_BULK_LEADS} leads per request, got ${raws.length}`] }]);
    }
    const results: IntakeItemResult[] = new Array(raws.length);
    const sameBuyer = new Map<string, { index: number; input: CreateLeadDto }[]>();
    raws.forEach((raw, index) => {
      const input = validateLeadInput(raw);
      if ('errors' in input) {
        results[index] = { index, outcome: 'rejected', errors: input.errors };
        return;
      }
      const identity = `${input.value.email.toLowerCase()} ${input.value.leadType}`;
      sameBuyer.set(identity, [...(sameBuyer.get(identity) ?? []), { index, input: input.value }]);
    });

    // Leads for the same buyer and type go in order, so the earliest one is created and the rest are
    // its duplicates; different buyers go in parallel, as a batch of 1000 one by one is too slow.
    const groups = [...sameBuyer.values()];
    // A chunk is allocated while the next one is stored.
    const allocated: Promise<void>[] = [];
    while (groups.length > 0) {
      const queue: typeof groups = [];
      for (let leads = 0; leads < ALLOCATION_CHUNK && groups.length > 0; leads += queue[queue.length - 1].length) queue.push(groups.shift()!);
      const created: Lead[] = [];
      const worker = async () => {
        for (let group = queue.shift(); group; group = queue.shift()) {
          for (const { index, input } of group) {
            const { result, lead } = await this.intakeOne(index, input, ctx);
            results[index] = result;
            if (result.outcome === 'created') created.push(lead!);
          }
        }
      };
      await Promise.all(Array.from({ length: BULK_CONCURRENCY }, worker));
      allocated.push(this.allocator.allocate(created));
    }
    await Promise.all(allocated);

    return {
      results,
      created: results.filter((r) => r.outcome === 'created').length,
      duplicates: results.filter((r) => r.outcome === 'duplicate' || r.outcome === 'idempotent_replay').length,
      rejected: results.filter((r) => r.outcome === 'rejected').length,
    };
  }

  private async intakeOne(index: number, input: CreateLeadDto, ctx: IntakeContext): Promise<{ result: IntakeItemResult; lead?: Lead }> {
    try {
      const idempotencyKey = ctx.idempotencyKey ? `${ctx.idempotencyKey}#${index}` : undefined;
      const { lead, outcome } = await this.take(input, { actor: ctx.actor, source: ctx.source, idempotencyKey });
      return { result: { index, outcome, leadId: lead.id }, lead };
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.InvalidInput) {
        return { result: { index, outcome: 'rejected', errors: error.fields } };
      }
      throw error;
    }
  }

  private async resolveReferences(manager: EntityManager, input: CreateLeadDto): Promise<References> {
    const problems: FieldProblem[] = [];
    const leadType = await this.leadTypes.findByKey(manager, input.leadType);
    if (!leadType) problems.push({ field: 'leadType', problems: [`there is no lead type with key "${input.leadType}"`] });
    else if (!leadType.active) problems.push({ field: 'leadType', problems: [`lead type "${input.leadType}" is inactive and takes no new leads`] });
    else if (leadType.key === REGISTERED_DEAL_TYPE.key) {
      problems.push({ field: 'leadType', problems: [`"${input.leadType}" leads come only from approved deal registrations (POST /api/v1/deals)`] });
    }

    const campaign = input.campaign ? await this.campaigns.findByKey(manager, input.campaign) : null;
    if (input.campaign && !campaign) problems.push({ field: 'campaign', problems: [`there is no campaign with key "${input.campaign}"`] });

    if (problems.length > 0 || !leadType) throw DomainError.invalid(problems);
    return { leadType, campaign };
  }

  /** The first lead for the same email (any case) and lead type inside the duplicate window. */
  private findDuplicate(manager: EntityManager, email: string, leadTypeId: string): Promise<Lead | null> {
    const windowDays = this.config.env.DUPLICATE_WINDOW_DAYS;
    if (windowDays === 0) return Promise.resolve(null);
    const since = new Date(this.clock.now().getTime() - windowDays * DAY_MS);
    return this.leads.findDuplicate(manager, email, leadTypeId, since);
  }

  /** Inserts the lead and its first timeline line; null when another request already used the idempotency key. */
  private async createInTransaction(manager: EntityManager, input: CreateLeadDto, refs: References, ctx: IntakeContext): Promise<Lead | null> {
    const now = this.clock.now();
    const created = {
      actor: ctx.actor,
      summary: `Lead received from ${ctx.source} as "${refs.leadType.name}"${refs.campaign ? ` via campaign "${refs.campaign.name}"` : ''}`,
      data: { leadType: refs.leadType.key, campaign: refs.campaign?.key ?? null, externalId: input.externalId ?? null },
    };
    // created_at comes from the clock, not now(), so the duplicate window follows injected time.
    const inserted = await this.leads.insert(manager, {
      leadTypeId: refs.leadType.id,
      campaignId: refs.campaign?.id ?? null,
      externalId: input.externalId ?? null,
      idempotencyKey: ctx.idempotencyKey ?? null,
      email: input.email,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      phone: input.phone ?? null,
      jobTitle: input.jobTitle ?? null,
      company: input.company,
      country: input.country,
      postalCode: input.postalCode ?? null,
      productInterest: input.productInterest ?? null,
      score: input.score ?? null,
      notes: input.notes ?? null,
      createdAt: now,
    }, created);
    if (!inserted) return null;
    await this.timeline.recordedElsewhere(manager, { leadId: inserted.id, at: now, kind: TimelineKind.Created, ...created });
    return inserted;
  }
}
