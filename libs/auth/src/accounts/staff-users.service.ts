import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@leadgate/audit';
import { Clock, DomainError } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { NotificationsService } from '@leadgate/notifications';
import { PartnerUser, UsersService } from '@leadgate/users';
import { AccessService } from '../access.service';
import { auditActorOf, Principal } from '../principal';
import { ChangeStaffRoleDto, InviteStaffDto, StaffUserDto } from './dto/staff-user.dto';

const ROLE_NAMES: Record<string, string> = { admin: 'an admin', channel_manager: 'a channel manager' };

/**
 * Vendor staff accounts (admins and channel managers): invited by email (they set their own password through a
 * one-time link), invited again, given another role, deactivated — each change audited in its transaction.
 * Partner users are their partner admin's (PartnerUsersService).
 */
@Injectable()
export class StaffUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async invite(dto: InviteStaffDto, principal: Principal): Promise<StaffUserDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const user = await this.users.createInvitedStaff(tx, dto, now);
      await this.sendInvitation(tx, user, principal, now);
      await this.audit.record(tx, { entity: 'user', entityId: user.id, action: 'invited', actor: auditActorOf(principal), at: now, before: null, after: audited(user) });
      return toDto(user);
    });
  }

  /** A new link for someone who has not set a password yet (the old link may have run out). */
  async reinvite(userId: string, principal: Principal): Promise<StaffUserDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const user = await this.users.lockStaff(tx, userId);
      if (!user) throw DomainError.notFound('User');
      if (!user.active) throw DomainError.conflict(`${user.displayName} is deactivated; deactivated accounts cannot be invited again.`);
      if (user.passwordSet) throw DomainError.conflict(`${user.displayName} has already set a password; they can use "Forgot password" on the sign-in page.`);
      await this.sendInvitation(tx, user, principal, now);
      await this.audit.record(tx, { entity: 'user', entityId: user.id, action: 'invited again', actor: auditActorOf(principal), at: now, before: null, after: { email: user.email } });
      return toDto(user);
    });
  }

  async changeRole(userId: string, dto: ChangeStaffRoleDto, principal: Principal): Promise<StaffUserDto> {
    if (principal.kind === 'user' && principal.id === userId) throw DomainError.conflict('You cannot change your own role; ask another admin.');
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const user = await this.users.lockStaff(tx, userId);
      if (!user) throw DomainError.notFound('User');
      if (user.role === dto.role) return toDto(user);
      const managed = user.role === 'channel_manager' ? await this.users.managedPartnerCount(tx, userId) : 0;
      if (managed > 0) {
        throw DomainError.conflict(`${user.displayName} manages ${managed} partner${managed === 1 ? '' : 's'}; give ${managed === 1 ? 'it' : 'them'} another channel manager first.`);
      }
      await this.users.setStaffRole(tx, userId, dto.role, now);
      const changed = { ...user, role: dto.role };
      await this.audit.record(tx, { entity: 'user', entityId: userId, action: 'role changed', actor: auditActorOf(principal), at: now, before: audited(user), after: audited(changed) });
      return toDto(changed);
    });
  }

  /**
   * Deactivates an admin or channel manager and, in the same transaction, ends their sessions and
   * revokes the API tokens they created (they saw the secrets). Users are never deleted.
   */
  async deactivate(userId: string, principal: Principal): Promise<StaffUserDto> {
    // Not one's own account: the last admin could otherwise lock everyone out.
    if (principal.kind === 'user' && principal.id === userId) throw DomainError.conflict('You cannot deactivate your own account; ask another admin.');
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const before = await this.users.lockStaff(tx, userId);
      if (!before) throw DomainError.notFound('User');
      await this.users.deactivateStaff(tx, userId, now);
      await this.access.endForUser(tx, userId, now);
      const after = { ...before, active: false };
      await this.audit.record(tx, { entity: 'user', entityId: userId, action: 'deactivated', actor: auditActorOf(principal), at: now, before: audited(before), after: audited(after) });
      return toDto(after);
    });
  }

  private async sendInvitation(tx: EntityManager, user: PartnerUser, principal: Principal, now: Date): Promise<void> {
    const expiresAt = new Date(now.getTime() + this.config.env.INVITATION_TTL_HOURS * 3_600_000);
    const link = await this.users.issueLink(tx, user.id, 'invite', now, expiresAt);
    await this.notifications.enqueue(tx, {
      template: 'staff-invitation',
      dedupeKey: `invitation:${link.id}`,
      to: { address: user.email, userId: user.id, name: user.displayName, audience: 'channel_manager', timeZone: user.timeZone },
      data: { inviterName: principal.name, roleName: ROLE_NAMES[user.role] ?? user.role, expiresAt },
      oneTimeLinkId: link.id,
    });
  }
}

const audited = (user: PartnerUser): Record<string, unknown> => ({ email: user.email, displayName: user.displayName, role: user.role, active: user.active });

const toDto = (user: PartnerUser): StaffUserDto => ({
  id: user.id, email: user.email, displayName: user.displayName, role: user.role as StaffUserDto['role'], active: user.active, passwordSet: user.passwordSet,
});
