import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from './domain-error';

/** Flattens class-validator errors into one entry per field path ("contact.email"). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
} as const;

/** Every string in the input holding a NUL character, by field path: PostgreSQL cannot store one in text. */
export function nulCharacterProblems(value: unknown, prefix = ''): FieldProblem[] {
  if (typeof value === 'string') {
    const field = prefix || 'value';
    return value.includes('\u0000') ? [{ field, problems: [`${field} must not contain NUL characters`] }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => nulCharacterProblems(item, prefix ? `${prefix}.${key}` : key));
}

const badRequest = (errors: FieldProblem[]) => new BadRequestException({ statusCode: 400, message: 'Validation failed', errors });

/** The one ValidationPipe: unknown fields rejected, each field's problem listed in the 400. */
class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ ...VALIDATION_OPTIONS, exceptionFactory: (errors) => badRequest(fieldProblems(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Caught here rather than by each DTO, so no text field anywhere can turn a NUL into a 500.
    const perItem = (metadata.metatype as { validatesItemsItself?: boolean } | undefined)?.validatesItemsItself === true;
    const nul = metadata.type === 'custom' || perItem ? [] : nulCharacterProblems(value, typeof value === 'string' ? (metadata.data ?? '') : '');
    if (nul.length > 0) throw badRequest(nul);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe();
}
