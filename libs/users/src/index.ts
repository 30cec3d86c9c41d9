export type { LinkPurpose, OneTimeLink } from './one-time-links.repository';
export type { PartnerUser, User, UserListing } from './users.repository';
export { UsersModule } from './users.module';
export { hashPassword, MIN_PASSWORD_LENGTH, type NewUser, UsersService } from './users.service';
