import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What a key already holds: the request it was first used for, and its answer once there is one. */
export interface StoredRequest {
  fingerprint: string;
  response: { status: number; body: unknown } | null;
}

export interface NewClaim {
  principal: string;
  key: string;
  fingerprint: string;
  now: Date;
  lockedUntil: Date;
  expiresAt: Date;
}

// Expired keys removed per claim: enough to keep up with any request rate, never a long statement.
const PURGE_BATCH = 100;

/** The only SQL on `idempotency_keys`. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the key for a request about to run. True when this request may run: the key is new, expired, or its
   * first request died without answering (past `locked_until`) and this one is the same request.
   */
  async claim(claim: NewClaim): Promise<boolean> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= $1 LIMIT ${PURGE_BATCH})`,
      [claim.now],
    );
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (principal, key, fingerprint, locked_until, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (principal, key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, response_status = NULL, response_body = NULL,
              locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= EXCLUDED.created_at
           OR (k.response_status IS NULL AND k.locked_until <= EXCLUDED.created_at AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING 1`,
      [claim.principal, claim.key, claim.fingerprint, claim.lockedUntil, claim.now, claim.expiresAt],
    );
    return rows.length > 0;
  }

  async find(principal: string, key: string): Promise<StoredRequest | null> {
    const [row]: { fingerprint: string; response_status: number | null; response_body: unknown }[] = await this.dataSource.query(
      `SELECT fingerprint, response_status, response_body FROM idempotency_keys WHERE principal = $1 AND key = $2`,
      [principal, key],
    );
    if (!row) return null;
    return { fingerprint: row.fingerprint, response: row.response_status === null ? null : { status: row.response_status, body: row.response_body } };
  }

  async complete(principal: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb, locked_until = NULL WHERE principal = $1 AND key = $2`,
      [principal, key, status, JSON.stringify(body)],
    );
  }

  /** Frees a key whose request failed, so a retry runs it again. */
  async release(principal: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND response_status IS NULL`, [principal, key]);
  }
}
