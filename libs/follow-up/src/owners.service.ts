// Who works a lead inside its partner: the partner admin assigns and reassigns; each change is on the timeline.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf, describePrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError } from '@leadgate/common';
import { inTransaction } from '@leadgate/database';
import { OwnersRepository } from '@leadgate/lifecycle';
import { NotificationsService } from '@leadgate/notifications';
import { AssignOwnerDto, OwnerAssignedDto } from './dto/assign-owner.dto';

@Injectable()
export class OwnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly owners: OwnersRepository,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Sets the owner of the partner's leads, all or none: a lead the partner does not hold, or a user who
   * is not an active user of the same partner, is a 404 and nothing changes. The new owner is emailed.
   */
  async assign(principal: Principal, dto: AssignOwnerDto): Promise<OwnerAssignedDto> {
    const partnerId = principal.partnerId;
    if (!partnerId) throw DomainError.notFound('Lead');
    return inTransaction(this.dataSource, async (tx) => {
      const leads = await this.owners.lockPartnerLeads(tx, dto.leadIds, partnerId);
      if (leads.length !== dto.leadIds.length) throw DomainError.notFound('Lead');
      const owner = dto.userId === null ? null : await this.owners.activeUserOf(tx, dto.userId, partnerId);
      if (dto.userId !== null && !owner) throw DomainError.notFound('User');
      const changed = leads.filter((lead) => lead.ownerId !== (owner?.id ?? null));
      const now = this.clock.now();
      const by = `${describePrincipal(principal)} (${await this.owners.partnerName(tx, partnerId)})`;
      await this.owners.setOwner(
        tx,
        changed.map((lead) => lead.id),
        owner?.id ?? null,
        now,
        changed.map((lead) => ({
          leadId: lead.id,
          partnerId,
          ownerId: owner?.id ?? null,
          previousOwnerId: lead.ownerId,
          actor: actorOf(principal),
          summary: owner ? `Owner set to ${owner.name} by ${by}` : `Owner removed by ${by}`,
        })),
      );
      if (owner && owner.id !== principal.id && changed.length > 0) {
        await this.notifications.leadsAssigned(tx, { partnerId, ownerId: owner.id, assignedBy: by, leadIds: changed.map((lead) => lead.id), at: now });
      }
      return { changed: changed.map((lead) => lead.id), ownerId: owner?.id ?? null };
    });
  }
}
