import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@leadgate/common';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const MAX_LENGTH = 200;
const SCOPED_KEY = Symbol('leadgate:scoped-idempotency-key');

/** The optional Idempotency-Key header: absent is fine, blank or too long is a 400. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const value: unknown = req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  const problem =
    typeof value !== 'string' || value.trim() === '' ? 'must not be blank when given'
    : value.length > MAX_LENGTH ? `must be at most ${MAX_LENGTH} characters`
    : null;
  if (problem) throw DomainError.invalid([{ field: IDEMPOTENCY_KEY_HEADER, problems: [`${IDEMPOTENCY_KEY_HEADER} ${problem}`] }]);
  return value as string;
}

export function setScopedIdempotencyKey(req: Request, scoped: string): void {
  (req as Request & { [SCOPED_KEY]?: string })[SCOPED_KEY] = scoped;
}

/**
 * The request's Idempotency-Key prefixed with its caller ("token:<id>:<key>"), for a handler that also
 * guards its own writes with it (intake stores it on the lead): two callers never share a key.
 */
export const ScopedIdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => (ctx.switchToHttp().getRequest<Request>() as Request & { [SCOPED_KEY]?: string })[SCOPED_KEY],
);
