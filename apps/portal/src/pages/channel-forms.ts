// Turns the channel pages' form posts into the compliance and allocation inputs, checked by the DTOs' own rules.
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, validate } from 'class-validator';
import { DomainError, FieldProblem, fieldProblems, PageQuery, VALIDATION_OPTIONS } from '@leadgate/common';
import { TO_ALLOCATION } from './channel-lead-view';
import { SetOverrideDto } from '@leadgate/compliance';
import { CHANNEL_PARTNER_SORTS, ChannelPartnerSort } from '@leadgate/compliance';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The table's sort: a column name, with a leading "-" for descending. */
export class ChannelPartnersQuery {
  @IsOptional()
  @IsIn([...CHANNEL_PARTNER_SORTS, ...CHANNEL_PARTNER_SORTS.map((s) => `-${s}`)], {
    message: `sort must be one of: ${CHANNEL_PARTNER_SORTS.join(', ')} (a leading "-" sorts descending)`,
  })
  sort?: string;
}

export function sortOf(query: ChannelPartnersQuery): { sort: ChannelPartnerSort; descending: boolean } {
  const raw = query.sort ?? 'name';
  return { sort: raw.replace(/^-/, '') as ChannelPartnerSort, descending: raw.startsWith('-') };
}

/** The queue's address: its page, and the note of what was just done. */
export class QueueQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(40)
  done?: string;
}

/** The form asks for an end date; the override ends at the start of that day (UTC). */
export async function overrideDto(values: Record<string, string>): Promise<SetOverrideDto> {
  const endsAt = values.endsAt && DATE_ONLY.test(values.endsAt) ? `${values.endsAt}T00:00:00Z` : values.endsAt;
  const dto = plainToInstance(SetOverrideDto, { ...values, endsAt });
  const errors = await validate(dto, VALIDATION_OPTIONS);
  if (errors.length > 0) {
    throw DomainError.invalid(
      fieldProblems(errors).map((p) => (p.field === 'endsAt' ? { field: 'endsAt', problems: ['Choose the date the override ends'] } : p)),
    );
  }
  return dto;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REASON = 2000;

const textOf = (raw: Record<string, unknown>, field: string): string => (typeof raw[field] === 'string' ? (raw[field] as string).trim() : '');

/** A hand-made move needs a reason someone can read later in the lead's history. */
function reasonProblems(reason: string): FieldProblem[] {
  if (reason.length < 3) return [{ field: 'reason', problems: ['Say why, in a few words: it is kept in the lead’s history'] }];
  if (reason.length > MAX_REASON) return [{ field: 'reason', problems: [`Keep the reason under ${MAX_REASON} characters`] }];
  return [];
}

/** The queue's bulk form: the ticked leads, one partner, one reason. */
export function bulkAssignmentInput(body: unknown): { leadIds: string[]; partnerId: string; reason: string } {
  const raw = (body ?? {}) as Record<string, unknown>;
  const leadIds = (Array.isArray(raw.leadIds) ? raw.leadIds : [raw.leadIds]).filter((v): v is string => typeof v === 'string' && UUID.test(v));
  const partnerId = textOf(raw, 'partnerId');
  const reason = textOf(raw, 'reason');
  const problems = [
    ...(leadIds.length > 0 ? [] : [{ field: 'leadIds', problems: ['Tick the leads to assign'] }]),
    ...(UUID.test(partnerId) ? [] : [{ field: 'partnerId', problems: ['Choose the partner to assign the leads to'] }]),
    ...reasonProblems(reason),
  ];
  if (problems.length > 0) throw DomainError.invalid(problems);
  return { leadIds: [...new Set(leadIds)], partnerId, reason };
}

/** The lead page's move form: a partner, or "allocation" to let the policy choose again. */
export function moveInput(body: unknown, mayForce: boolean): { partnerId: string | null; reason: string; force: boolean } {
  const raw = (body ?? {}) as Record<string, unknown>;
  const partnerId = textOf(raw, 'partnerId');
  const reason = textOf(raw, 'reason');
  const force = raw.force === 'on';
  const problems = [
    ...(partnerId === TO_ALLOCATION || UUID.test(partnerId) ? [] : [{ field: 'partnerId', problems: ['Choose a partner, or return the lead to allocation'] }]),
    ...reasonProblems(reason),
    ...(force && !mayForce ? [{ field: 'force', problems: ['Only an admin may force a move'] }] : []),
  ];
  if (problems.length > 0) throw DomainError.invalid(problems);
  return { partnerId: partnerId === TO_ALLOCATION ? null : partnerId, reason, force };
}
