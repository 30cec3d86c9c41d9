import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@leadgate/common';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const MAX_LENGTH = 200;

/** The optional Idempotency-Key header: absent is fine, blank or too long is a 400. */
export function parseIdempotencyKey(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const problem =
    typeof value !== 'string' || value.trim() === '' ? 'must not be blank when given'
    : value.length > MAX_LENGTH ? `must be at most ${MAX_LENGTH} characters`
    : null;
  if (problem) throw DomainError.invalid([{ field: IDEMPOTENCY_KEY_HEADER, problems: [`${IDEMPOTENCY_KEY_HEADER} ${problem}`] }]);
  return value as string;
}

export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined =>
  parseIdempotencyKey(ctx.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]),
);
