import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { User } from '@leadgate/users';

/** Runs the email + password check but lets the controller answer a failure with the form again. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override handleRequest<TUser = User | null>(error: unknown, user: User | false): TUser {
    if (error) throw error;
    return (user || null) as TUser;
  }
}
