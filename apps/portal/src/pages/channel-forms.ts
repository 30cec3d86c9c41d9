// Turns the channel pages' form posts into the compliance and allocation inputs, checked by the DTOs' own rules.
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, validate } from 'class-validator';
import { DomainError, fieldProblems, VALIDATION_OPTIONS } from '@leadgate/common';
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

/** Manual assignment needs a partner and a reason someone can read later in the allocation history. */
export function assignmentInput(values: Record<string, string>): { partnerId: string; reason: string } {
  const problems = [
    ...(values.partnerId ? [] : [{ field: 'partnerId', problems: ['Choose the partner to assign the lead to'] }]),
    ...(values.reason ? [] : [{ field: 'reason', problems: ['Say why the lead is assigned by hand'] }]),
  ];
  if (problems.length > 0) throw DomainError.invalid(problems);
  return { partnerId: values.partnerId, reason: values.reason };
}
