import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@leadgate/common';
import { inTransaction } from '@leadgate/database';
import { UsersService } from '@leadgate/users';
import { AccessService } from '../access.service';
import { Principal } from '../principal';
import { StaffUserDto } from './dto/staff-user.dto';

/** Vendor staff accounts (admins and channel managers); partner users are their partner admin's (PartnerUsersService). */
@Injectable()
export class StaffUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  /**
   * Deactivates an admin or channel manager and, in the same transaction, ends their sessions and
   * revokes the API tokens they created (they saw the secrets). Users are never deleted.
   */
  async deactivate(userId: string, principal: Principal): Promise<StaffUserDto> {
    // Not one's own account: the last admin could otherwise lock everyone out.
    if (principal.kind === 'user' && principal.id === userId) throw DomainError.conflict('You cannot deactivate your own account; ask another admin.');
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const user = await this.users.deactivateStaff(tx, userId, now);
      if (!user) throw DomainError.notFound('User');
      await this.access.endForUser(tx, userId, now);
      return { id: user.id, email: user.email, displayName: user.displayName, role: user.role as StaffUserDto['role'], active: user.active };
    });
  }
}
