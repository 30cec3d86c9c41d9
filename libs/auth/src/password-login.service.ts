import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { Clock } from '@leadgate/common';
import { hashPassword, User, UsersService } from '@leadgate/users';
import { Principal } from './principal';

/** Checks email + password for browser sign-in and loads the signed-in user on later requests. */
@Injectable()
export class PasswordLoginService implements OnModuleInit {
  // Verified against when the email is unknown, so a miss costs the same argon2 time as a wrong password.
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // Hashed at start-up, so even the first unknown email takes no longer than a known one.
    void this.dummy();
  }

  /** The user with this email and password if they may sign in, or null; callers must not tell the failures apart. */
  async verify(email: string, password: string): Promise<User | null> {
    const found = await this.users.findForSignIn(email);
    const hash = found?.passwordHash ?? (await this.dummy());
    const matches = await argon2.verify(hash, password).catch(() => false);
    if (!found || !found.passwordHash || !matches || !found.signInAllowed) return null;
    return found.user;
  }

  async recordLogin(userId: string): Promise<void> {
    await this.users.recordLogin(userId, this.clock.now());
  }

  /** The principal for a session's user id; null once the user (or their partner) is gone or deactivated. */
  async principalFor(userId: string): Promise<Principal | null> {
    const user = await this.users.findActiveById(userId);
    if (!user) return null;
    return { kind: 'user', id: user.id, name: user.displayName, role: user.role, partnerId: user.partnerId, timeZone: user.timeZone };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}
