export type { LinkPurpose, OneTimeLink } from './one-time-links.repository';
export type { PartnerUser, User } from './users.repository';
export { UsersModule } from './users.module';
export { hashPassword, MIN_PASSWORD_LENGTH, UsersService } from './users.service';
