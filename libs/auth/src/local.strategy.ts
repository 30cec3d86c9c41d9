import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { User } from '@leadgate/users';
import { PasswordLoginService } from './password-login.service';

/** Email + password from the sign-in form. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly logins: PasswordLoginService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  async validate(email: string, password: string): Promise<User | false> {
    return (await this.logins.verify(email, password)) ?? false;
  }
}
