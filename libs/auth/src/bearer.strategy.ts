import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { ApiTokensService } from './api-tokens.service';
import { Principal } from './principal';

@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly tokens: ApiTokensService) {
    super();
  }

  async validate(secret: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(secret)) ?? false;
  }
}
