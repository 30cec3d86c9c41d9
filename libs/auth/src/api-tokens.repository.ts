import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@leadgate/common';

/** A machine credential. Only a SHA-256 of the secret is stored, and it never leaves this repository. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  partnerId: string | null;
  tokenPrefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface ApiTokenRow {
  id: string;
  name: string;
  role: Role;
  partner_id: string | null;
  token_prefix: string;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = `id, name, role, partner_id, token_prefix, created_by, created_at, last_used_at, revoked_at`;

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    partnerId: row.partner_id,
    tokenPrefix: row.token_prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** The only SQL on `api_tokens`. */
@Injectable()
export class ApiTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(token: { name: string; role: Role; partnerId: string | null; createdBy: string; tokenPrefix: string; tokenHash: string }): Promise<ApiToken> {
    const [row]: ApiTokenRow[] = await this.dataSource.query(
      `INSERT INTO api_tokens (name, role, partner_id, created_by, token_prefix, token_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [token.name, token.role, token.partnerId, token.createdBy, token.tokenPrefix, token.tokenHash],
    );
    return toApiToken(row);
  }

  /** Every token, or one partner's. */
  async listNewestFirst(owner: { partnerId: string } | null = null): Promise<ApiToken[]> {
    const rows: ApiTokenRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_tokens WHERE $1::uuid IS NULL OR partner_id = $1::uuid ORDER BY created_at DESC`,
      [owner?.partnerId ?? null],
    );
    return rows.map(toApiToken);
  }

  async findById(id: string): Promise<ApiToken | null> {
    const [row]: ApiTokenRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM api_tokens WHERE id = $1`, [id]);
    return row ? toApiToken(row) : null;
  }

  /** A token that works: not revoked, and its partner (if any) active, so even one made after a deactivation does not. */
  async findUnrevokedByHash(tokenHash: string): Promise<ApiToken | null> {
    const [row]: ApiTokenRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_tokens t
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
          AND (t.partner_id IS NULL OR EXISTS (SELECT 1 FROM partners p WHERE p.id = t.partner_id AND p.active))`,
      [tokenHash],
    );
    return row ? toApiToken(row) : null;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, at]);
  }

  /** Revokes every token of the partner, or (createdBy) every token a user created. */
  async revokeAll(tx: EntityManager, owner: { partnerId: string } | { createdBy: string }, at: Date): Promise<void> {
    const [column, value] = 'partnerId' in owner ? ['partner_id', owner.partnerId] : ['created_by', owner.createdBy];
    await tx.query(`UPDATE api_tokens SET revoked_at = $2 WHERE ${column} = $1 AND revoked_at IS NULL`, [value, at]);
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, [id, at]);
  }
}
