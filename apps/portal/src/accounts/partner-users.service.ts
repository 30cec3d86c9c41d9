import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { Principal } from '@leadgate/auth';
import { NotificationsService } from '@leadgate/notifications';
import { InviteUserDto } from './dto/invite-user.dto';
import { PartnerUserDto } from './dto/partner-user.dto';
import { issueLink, linkUrl } from './one-time-link';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: PartnerUserDto['role'];
  active: boolean;
  password_set: boolean;
  last_login_at: Date | null;
}

const USER_COLUMNS = `id, email, display_name, role, active, password_hash IS NOT NULL AS password_set, last_login_at`;

/** A partner's own users: partner admins invite and deactivate them; vendor admins may too. */
@Injectable()
export class PartnerUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(partnerId: string, principal: Principal): Promise<PartnerUserDto[]> {
    await this.partnerNameFor(this.dataSource.manager, partnerId, principal);
    const rows: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users WHERE partner_id = $1 ORDER BY email`, [partnerId]);
    return rows.map(toDto);
  }

  /** Creates the user without a password and emails a one-time link to set it, in one transaction. */
  async invite(partnerId: string, dto: InviteUserDto, principal: Principal): Promise<PartnerUserDto> {
    const email = dto.email.trim().toLowerCase();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.env.INVITATION_TTL_HOURS * 3_600_000);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const partnerName = await this.partnerNameFor(manager, partnerId, principal);
        if ((await manager.query(`SELECT 1 FROM users WHERE email = $1`, [email])).length > 0) throw alreadyExists(email);
        const [row]: UserRow[] = await manager.query(
          `INSERT INTO users (email, display_name, role, partner_id, active, created_at, updated_at) VALUES ($1, $2, $3, $4, true, $5, $5) RETURNING ${USER_COLUMNS}`,
          [email, dto.displayName.trim(), dto.role, partnerId, now],
        );
        const link = await issueLink(manager, row.id, 'invite', now, expiresAt);
        await this.notifications.enqueue(manager, {
          template: 'invitation',
          dedupeKey: `invitation:${link.id}`,
          to: { address: email, userId: row.id, name: row.display_name, audience: 'partner' },
          data: { inviterName: principal.name, partnerName, resetUrl: linkUrl(this.config.publicUrl, link.secret), expiresAt },
        });
        return toDto(row);
      });
    } catch (error) {
      // A concurrent invitation of the same address loses on the unique constraint.
      if ((error as { code?: string }).code === '23505') throw alreadyExists(email);
      throw error;
    }
  }

  /** Signs the user out everywhere and refuses further sign-ins; users are never deleted. */
  async deactivate(partnerId: string, userId: string, principal: Principal): Promise<PartnerUserDto> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.partnerNameFor(manager, partnerId, principal);
      const [rows]: [UserRow[], number] = await manager.query(
        `UPDATE users SET active = false, updated_at = $3 WHERE id = $1 AND partner_id = $2 RETURNING ${USER_COLUMNS}`,
        [userId, partnerId, this.clock.now()],
      );
      if (rows.length === 0) throw DomainError.notFound('User');
      await manager.query(`DELETE FROM session WHERE sess->>'userId' = $1`, [userId]);
      return toDto(rows[0]);
    });
  }

  /** Another partner's users look exactly like a partner that does not exist. */
  private async partnerNameFor(manager: EntityManager, partnerId: string, principal: Principal): Promise<string> {
    if (principal.role !== 'admin' && principal.partnerId !== partnerId) throw DomainError.notFound('Partner');
    const [partner]: { name: string }[] = await manager.query(`SELECT name FROM partners WHERE id = $1`, [partnerId]);
    if (!partner) throw DomainError.notFound('Partner');
    return partner.name;
  }
}

const alreadyExists = (email: string) => DomainError.conflict(`A user with email ${email} already exists`);

function toDto(row: UserRow): PartnerUserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    active: row.active,
    passwordSet: row.password_set,
    lastLoginAt: row.last_login_at,
  };
}
