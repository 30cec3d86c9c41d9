// Every API POST honours an Idempotency-Key: per caller, bound to the request it was first used for, answered once.
import { CallHandler, ConflictException, ExecutionContext, Injectable, Logger, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { principalOf } from '../credentials.guard';
import { actorOf } from '../principal';
import { idempotencyKeyOf, setScopedIdempotencyKey } from './idempotency-key';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * A new token's or webhook's secret is shown once and never stored in clear, not even as a stored answer: a
 * replay carries `secret: null` (the caller that lost the first answer revokes it and makes another).
 */
function withoutSecret(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('secret' in body)) return body;
  return { ...body, secret: null };
}
// A request still running after this is taken to have died with its process: a retry may run it again.
const RUNNING_LEASE_MS = 5 * 60_000;
// A retry that arrives while the first request runs waits this long (polls × interval) for its answer.
const WAIT_POLLS = 100;
const POLL_INTERVAL_MS = 100;

/** JSON with object keys sorted, so the same body in another key order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": method, path with query, and body (nesting is bounded by the body parser). */
const fingerprintOf = (req: Request): string =>
  createHash('sha256').update(`${req.method}\n${req.originalUrl}\n${canonicalJson(req.body ?? null)}`).digest('hex');

/**
 * The first request with a key runs and its answer (status and JSON body) is stored; a retry with the same key
 * and the same request gets that answer again, marked `Idempotent-Replayed: true`, without running anything.
 * Keys belong to the caller (API token or user), so another caller's key is simply a new key. The same key with
 * another request is a 422. A failed request frees its key, so its retry runs again. Keys are kept
 * IDEMPOTENCY_KEY_TTL_HOURS.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly keys: IdempotencyKeysRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const principal = principalOf(req);
    if (req.method !== 'POST' || !req.path.startsWith('/api/') || !principal) return next.handle();
    const key = idempotencyKeyOf(req);
    if (key === undefined) return next.handle();

    const res = context.switchToHttp().getResponse<Response>();
    const scope = actorOf(principal);
    const stored = await this.claimOrWait(scope, key, fingerprintOf(req), res);
    if (stored) {
      res.status(stored.status).setHeader(REPLAYED_HEADER, 'true');
      return of(stored.body);
    }
    setScopedIdempotencyKey(req, `${scope}:${key}`);
    return next.handle().pipe(
      catchError((error: unknown) => from(this.release(scope, key).then(() => Promise.reject(error)))),
      mergeMap((body: unknown) => from(this.remember(scope, key, res.statusCode, body))),
    );
  }

  /** The action is done whatever happens here: a failure to store its answer is logged, never turned into an error. */
  private async remember(scope: string, key: string, status: number, body: unknown): Promise<unknown> {
    await this.keys
      .complete(scope, key, status, withoutSecret(body ?? null))
      .catch((error: unknown) => this.logger.error(`Could not store the answer for Idempotency-Key "${key}" of ${scope}`, error));
    return body;
  }

  /** The request failed: its key is freed for the retry; if even that fails, the lease frees it later. */
  private async release(scope: string, key: string): Promise<void> {
    await this.keys.release(scope, key).catch((error: unknown) => this.logger.error(`Could not free Idempotency-Key "${key}" of ${scope}`, error));
  }

  /** Null when this request holds the key and must run; the stored answer when it already ran. */
  private async claimOrWait(scope: string, key: string, fingerprint: string, res: Response): Promise<{ status: number; body: unknown } | null> {
    for (let poll = 0; ; poll++) {
      const now = this.clock.now();
      const claimed = await this.keys.claim({
        principal: scope,
        key,
        fingerprint,
        now,
        lockedUntil: new Date(now.getTime() + RUNNING_LEASE_MS),
        expiresAt: new Date(now.getTime() + this.config.env.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000),
      });
      if (claimed) return null;
      const stored = await this.keys.find(scope, key);
      // Gone between the two statements: the first request failed and freed it; try to claim it again.
      if (!stored) continue;
      if (stored.fingerprint !== fingerprint) {
        throw new UnprocessableEntityException(
          'This Idempotency-Key was already used for a different request (another method, path or body). Use a new key for a new request.',
        );
      }
      if (stored.response) return stored.response;
      if (poll >= WAIT_POLLS) {
        res.setHeader('Retry-After', '1');
        throw new ConflictException('A request with this Idempotency-Key is still running. Retry in a moment to get its answer.');
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }
}
