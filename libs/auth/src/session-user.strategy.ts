import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import * as passport from 'passport';
import { PasswordLoginService } from './password-login.service';
import { Principal } from './principal';

type Verify = (req: Request, done: (error: unknown, principal?: Principal | false) => void) => void;

/** Authenticates a request by the user id its session holds (set at sign-in). */
class SessionUserPassportStrategy extends passport.Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    this.verify(req, (error, principal) => (error ? this.error(error) : principal ? this.success(principal) : this.fail(401)));
  }
}

// Not "session": passport registers its own strategy under that name.
export const SESSION_USER_STRATEGY = 'portal-session';

@Injectable()
export class SessionUserStrategy extends PassportStrategy(SessionUserPassportStrategy, SESSION_USER_STRATEGY) {
  constructor(private readonly logins: PasswordLoginService) {
    super();
  }

  async validate(req: Request): Promise<Principal | false> {
    const userId = req.session?.userId;
    if (!userId) return false;
    return (await this.logins.principalFor(userId)) ?? false;
  }
}
