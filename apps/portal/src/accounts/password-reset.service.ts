import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { NotificationsService } from '@leadgate/notifications';
import { hashPassword } from '@leadgate/users';
import { hashSecret, issueLink, LinkPurpose, linkUrl } from './one-time-link';

/** Why a link cannot be used; each gets its own message on the page. */
export type LinkProblem = 'unknown' | 'used' | 'expired';

interface TokenRow {
  id: string;
  user_id: string;
  purpose: LinkPurpose;
  expires_at: Date;
  used_at: Date | null;
  active: boolean;
}

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Emails a reset link if an active user has this address; says nothing either way, so callers cannot tell. */
  async requestReset(email: string): Promise<void> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.env.PASSWORD_RESET_TTL_MINUTES * 60_000);
    await inTransaction(this.dataSource, async (manager) => {
      const [user]: { id: string; email: string; display_name: string }[] = await manager.query(
        `SELECT id, email, display_name FROM users WHERE email = $1 AND active`,
        [email.trim().toLowerCase()],
      );
      if (!user) return;
      const link = await issueLink(manager, user.id, 'reset', now, expiresAt);
      await this.notifications.enqueue(manager, {
        template: 'password-reset',
        dedupeKey: `password-reset:${link.id}`,
        to: { address: user.email, userId: user.id, name: user.display_name, audience: 'partner' },
        data: { resetUrl: linkUrl(this.config.publicUrl, link.secret), expiresAt },
      });
    });
  }

  /** What the link is for, or why it cannot be used. */
  async inspect(secret: string): Promise<{ purpose: LinkPurpose } | { problem: LinkProblem }> {
    const row = await this.find(this.dataSource.manager, secret, false);
    const problem = this.problemOf(row);
    return problem ? { problem } : { purpose: row!.purpose };
  }

  /**
   * Sets the password, uses up the link and every other open link of the user, and ends the user's
   * sessions except `keepSessionId`, all in one transaction: a link can never set two passwords.
   */
  async complete(secret: string, password: string, keepSessionId: string): Promise<{ userId: string } | { problem: LinkProblem }> {
    const passwordHash = await hashPassword(password);
    return inTransaction(this.dataSource, async (manager) => {
      const row = await this.find(manager, secret, true);
      const problem = this.problemOf(row);
      if (problem) return { problem };
      const now = this.clock.now();
      await manager.query(`UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1`, [row!.user_id, passwordHash, now]);
      await manager.query(`UPDATE user_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [row!.user_id, now]);
      await manager.query(`DELETE FROM session WHERE sess->>'userId' = $1 AND sid <> $2`, [row!.user_id, keepSessionId]);
      return { userId: row!.user_id };
    });
  }

  private async find(manager: EntityManager, secret: string, lock: boolean): Promise<TokenRow | undefined> {
    if (secret === '') return undefined;
    const [row]: TokenRow[] = await manager.query(
      `SELECT t.id, t.user_id, t.purpose, t.expires_at, t.used_at, u.active
         FROM user_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1${lock ? ' FOR UPDATE OF t' : ''}`,
      [hashSecret(secret)],
    );
    return row;
  }

  private problemOf(row: TokenRow | undefined): LinkProblem | null {
    // A deactivated user's link is treated as unknown: it must not revive the account.
    if (!row || !row.active) return 'unknown';
    if (row.used_at) return 'used';
    if (row.expires_at.getTime() <= this.clock.now().getTime()) return 'expired';
    return null;
  }
}
