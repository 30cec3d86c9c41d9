export { oneTimeLinkSecret } from './one-time-link-secret';
export type { LinkPurpose, OneTimeLink } from './one-time-links.repository';
export { UsersModule } from './users.module';
export type { AwayDates, PartnerUser, User } from './users.repository';
export { MIN_PASSWORD_LENGTH, UsersService, hashPassword } from './users.service';
