export * from './api-token.entity';
export * from './api-tokens.service';
export * from './auth.module';
export * from './authorize.decorator';
export * from './principal';
export * from './token-secret';
