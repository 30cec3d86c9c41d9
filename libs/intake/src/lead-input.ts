// Validates one lead from any source (HTTP bulk items, CSV rows) with the same rules as the HTTP pipe.
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldProblem, fieldProblems, nulCharacterProblems, VALIDATION_OPTIONS } from '@leadgate/common';
import { CreateLeadDto } from './dto/create-lead.dto';

export type LeadInputResult = { value: CreateLeadDto } | { errors: FieldProblem[] };

export function validateLeadInput(raw: unknown): LeadInputResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [{ field: 'lead', problems: ['a lead must be a JSON object'] }] };
  }
  const nul = nulCharacterProblems(raw);
  if (nul.length > 0) return { errors: nul };
  const value = plainToInstance(CreateLeadDto, raw);
  const errors = validateSync(value, VALIDATION_OPTIONS);
  return errors.length > 0 ? { errors: fieldProblems(errors) } : { value };
}
