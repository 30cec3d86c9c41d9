import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { OwnersRepository } from '@leadgate/lifecycle';
import { NotificationsService } from '@leadgate/notifications';
import { PartnerUser, UsersService } from '@leadgate/users';
import { actorOf, describePrincipal, Principal } from '../principal';
import { AccessService } from '../access.service';
import { InviteUserDto } from './dto/invite-user.dto';
import { PartnerUserDto } from './dto/partner-user.dto';

/** A partner's own users: partner admins invite and deactivate them; vendor admins may too. */
@Injectable()
export class PartnerUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly owners: OwnersRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(partnerId: string, principal: Principal): Promise<PartnerUserDto[]> {
    await this.partnerNameFor(this.dataSource.manager, partnerId, principal);
    return (await this.users.listPartnerUsers(partnerId)).map(toDto);
  }

  /** Creates the user without a password and emails a one-time link to set it, in one transaction. */
  async invite(partnerId: string, dto: InviteUserDto, principal: Principal): Promise<PartnerUserDto> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (tx) => {
      const partnerName = await this.partnerNameFor(tx, partnerId, principal);
      return this.inviteIn(tx, { id: partnerId, name: partnerName }, dto, principal, now);
    });
  }

  /** The invitation inside the caller's transaction (a new partner's first admin is invited with the partner). */
  async inviteIn(tx: EntityManager, partner: { id: string; name: string }, dto: InviteUserDto, principal: Principal, now: Date): Promise<PartnerUserDto> {
    const expiresAt = new Date(now.getTime() + this.config.env.INVITATION_TTL_HOURS * 3_600_000);
    const user = await this.users.createInvitedUser(tx, { email: dto.email, displayName: dto.displayName, role: dto.role, partnerId: partner.id }, now);
    const link = await this.users.issueLink(tx, user.id, 'invite', now, expiresAt);
    await this.notifications.enqueue(tx, {
      template: 'invitation',
      dedupeKey: `invitation:${link.id}`,
      to: { address: user.email, userId: user.id, name: user.displayName, audience: 'partner', timeZone: user.timeZone },
      data: { inviterName: principal.name, partnerName: partner.name, expiresAt },
      oneTimeLinkId: link.id,
    });
    return toDto(user);
  }

  /**
   * Signs the user out everywhere and refuses further sign-ins; users are never deleted. The leads they
   * owned become unowned (emails about them go to the whole team again) and the partner's admins are told.
   */
  async deactivate(partnerId: string, userId: string, principal: Principal): Promise<PartnerUserDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const partnerName = await this.partnerNameFor(tx, partnerId, principal);
      const now = this.clock.now();
      const user = await this.users.deactivate(tx, userId, partnerId, now);
      if (!user) throw DomainError.notFound('User');
      await this.access.endForUser(tx, userId, now);
      const unowned = await this.owners.unownLeadsOf(tx, userId);
      const by = `${describePrincipal(principal)}${principal.partnerId ? ` (${partnerName})` : ''}`;
      await this.owners.record(tx, now, unowned.map((lead) => ({
        leadId: lead.id, partnerId, ownerId: null, previousOwnerId: userId, actor: actorOf(principal),
        summary: `Owner ${user.displayName} deactivated by ${by}: the lead has no owner now`,
      })));
      await this.notifications.leadsUnowned(tx, { partnerId, userId, userName: user.displayName, leads: unowned });
      return toDto(user);
    });
  }

  /** Another partner's users look exactly like a partner that does not exist. */
  private async partnerNameFor(tx: EntityManager, partnerId: string, principal: Principal): Promise<string> {
    if (principal.role !== 'admin' && principal.partnerId !== partnerId) throw DomainError.notFound('Partner');
    const name = await this.users.partnerName(tx, partnerId);
    if (name === null) throw DomainError.notFound('Partner');
    return name;
  }
}

const toDto = (user: PartnerUser): PartnerUserDto => ({ ...user, role: user.role as PartnerUserDto['role'] });
