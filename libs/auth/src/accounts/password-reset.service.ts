import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { NotificationsService } from '@leadgate/notifications';
import { hashPassword, LinkPurpose, OneTimeLink, UsersService } from '@leadgate/users';
import { SessionsRepository } from '../sessions.repository';

/** Why a link cannot be used; each gets its own message on the page. */
export type LinkProblem = 'unknown' | 'used' | 'expired';

@Injectable()
export class PasswordResetService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Emails a reset link if an active user has this address; says nothing either way, so callers cannot tell. */
  async requestReset(email: string): Promise<void> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.env.PASSWORD_RESET_TTL_MINUTES * 60_000);
    await inTransaction(this.dataSource, async (tx) => {
      const user = await this.users.findActiveByEmail(tx, email);
      if (!user) return;
      const link = await this.users.issueLink(tx, user.id, 'reset', now, expiresAt);
      await this.notifications.enqueue(tx, {
        template: 'password-reset',
        dedupeKey: `password-reset:${link.id}`,
        to: { address: user.email, userId: user.id, name: user.displayName, audience: 'partner', timeZone: user.timeZone },
        data: { expiresAt },
        oneTimeLinkId: link.id,
      });
    });
  }

  /**
   * Starts requestReset without waiting for it: the answer leaves before the address is even looked
   * up, so its timing cannot tell a real account (a link stored, an email queued) from an unknown
   * address. A failure is logged; the person can ask again.
   */
  requestResetInBackground(email: string): void {
    const work: Promise<void> = this.requestReset(email)
      .catch((error: Error) => this.logger.error(`Password reset request failed: ${error.message}`, error.stack))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Resolves once every reset request started so far has finished (shutdown waits for them). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }

  /** What the link is for, or why it cannot be used. */
  async inspect(secret: string): Promise<{ purpose: LinkPurpose } | { problem: LinkProblem }> {
    const link = await this.users.findLink(this.dataSource.manager, secret, false);
    const problem = this.problemOf(link);
    return problem ? { problem } : { purpose: link!.purpose };
  }

  /**
   * Sets the password, uses up the link and every other open link of the user, and ends the user's
   * sessions except `keepSessionId`, all in one transaction: a link can never set two passwords.
   */
  async complete(secret: string, password: string, keepSessionId: string): Promise<{ userId: string } | { problem: LinkProblem }> {
    const passwordHash = await hashPassword(password);
    return inTransaction(this.dataSource, async (tx) => {
      const link = await this.users.findLink(tx, secret, true);
      const problem = this.problemOf(link);
      if (problem) return { problem };
      await this.users.setPasswordFromLink(tx, link!.userId, passwordHash, this.clock.now());
      await this.sessions.deleteForUser(tx, link!.userId, keepSessionId);
      return { userId: link!.userId };
    });
  }

  private problemOf(link: OneTimeLink | null): LinkProblem | null {
    // A deactivated user's link is treated as unknown: it must not revive the account.
    if (!link || !link.userActive) return 'unknown';
    if (link.usedAt) return 'used';
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) return 'expired';
    return null;
  }
}
