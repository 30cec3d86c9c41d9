import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';

type ThrottledAction = 'sign-in' | 'password-reset';
const ACTION_KEY = 'leadgate:throttled-action';

/** Too many attempts for this account or from this address; pages answer it with their form and 429. */
export class TooManyAttemptsException extends HttpException {
  constructor() {
    super('Too many attempts. Wait a minute, then try again.', HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Counts each attempt against the account (the email typed, whoever types it: guessing one password from many
 * addresses is slowed) and against the source address (one address trying many accounts is slowed), each in its
 * own fixed window, in PostgreSQL so every portal process shares the count. The source is `req.ip`, which
 * honours X-Forwarded-For only from proxies named in TRUST_PROXY.
 */
@Injectable()
export class SignInThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly attempts: SignInAttemptsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<ThrottledAction>(ACTION_KEY, context.getHandler());
    const req = context.switchToHttp().getRequest<Request>();
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    const { LOGIN_RATE_LIMIT, LOGIN_SOURCE_RATE_LIMIT, LOGIN_RATE_WINDOW_SECONDS } = this.config.env;
    const account = `${action}:account:${email}`;
    const source = `${action}:source:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    const now = this.clock.now();
    const counts = await this.attempts.count([account, source], now, new Date(now.getTime() - LOGIN_RATE_WINDOW_SECONDS * 1000));
    if (counts.get(account)! > LOGIN_RATE_LIMIT || counts.get(source)! > LOGIN_SOURCE_RATE_LIMIT) throw new TooManyAttemptsException();
    return true;
  }
}

/** Names the counters SignInThrottleGuard uses on this route (sign-in and reset requests are counted apart). */
export const ThrottledAction = (action: ThrottledAction) => SetMetadata(ACTION_KEY, action);
