import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, FieldProblem, isPartnerRole, TIME_ZONES, USER_ROLES, UserRole } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { oneTimeLinkSecret } from './one-time-link-secret';
import { LinkPurpose, OneTimeLink, OneTimeLinksRepository } from './one-time-links.repository';
import { AwayDates, PartnerUser, User, UserListing, UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  displayName: string;
  role: UserRole;
  partnerId?: string | null;
  /** Omitted for invited users, who set their password later. */
  password?: string;
}

export const MIN_PASSWORD_LENGTH = 8;

/** argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane); verify reads the cost from the hash. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** Only the hash is stored, so a copy of the database cannot be used to take over accounts. */
const hashLinkSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';
const alreadyExists = (email: string) => DomainError.conflict(`A user with email ${email} already exists`);
const alreadyOnTeam = (email: string) => DomainError.conflict(`${email} is already a user of your team`);
const cannotInvite = () =>
  DomainError.conflict('This address cannot be invited: it is already in use. Ask the person for another work address, or ask your vendor contact for help.');

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly links: OneTimeLinksRepository,
    private readonly config: AppConfig,
  ) {}

  async createUser(input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const partnerId = input.partnerId ?? null;
    const problems = newUserProblems({ ...input, email, partnerId });
    if (problems.length > 0) throw DomainError.invalid(problems);
    const tx = this.dataSource.manager;
    if (await this.users.existsByEmail(tx, email)) throw alreadyExists(email);

    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    try {
      return await this.users.insert(tx, { email, displayName: input.displayName.trim(), role: input.role, partnerId, passwordHash });
    } catch (error) {
      // A concurrent create of the same email loses on the unique constraint.
      if (isUniqueViolation(error)) throw alreadyExists(email);
      throw error;
    }
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email.trim().toLowerCase());
  }

  /** Which of these addresses belong to active users, in one query. */
  activeEmailsAmong(emails: string[]): Promise<Set<string>> {
    return this.users.activeEmailsAmong(emails.map((email) => email.trim().toLowerCase()));
  }

  findActiveById(id: string): Promise<User | null> {
    return this.users.findActiveById(id);
  }

  findActiveByEmail(tx: EntityManager, email: string): Promise<User | null> {
    return this.users.findActiveByEmail(tx, email.trim().toLowerCase());
  }

  /** The user, their password hash and whether they may sign in (they and their partner active), for sign-in only. */
  findForSignIn(email: string): Promise<{ user: User; passwordHash: string | null; signInAllowed: boolean } | null> {
    return this.users.findWithPasswordHash(email.trim().toLowerCase());
  }

  recordLogin(userId: string, at: Date): Promise<void> {
    return this.users.recordLogin(userId, at);
  }

  isActiveChannelManager(userId: string): Promise<boolean> {
    return this.users.isActiveWithRole(userId, 'channel_manager');
  }

  listAll(): Promise<UserListing[]> {
    return this.users.listWithPartners();
  }

  listPartnerUsers(partnerId: string): Promise<PartnerUser[]> {
    return this.users.listByPartner(partnerId);
  }

  partnerName(tx: EntityManager, partnerId: string): Promise<string | null> {
    return this.users.partnerName(tx, partnerId);
  }

  /**
   * Creates a partner's user without a password (they set it through an invitation link). An address
   * already in use is refused without saying whose it is: an address on the inviter's own team is
   * named as such (they can see their team anyway), any other (another partner's, vendor staff's)
   * gets the same words, so invitations cannot be used to find out who else works with the vendor.
   */
  async createInvitedUser(tx: EntityManager, input: { email: string; displayName: string; role: UserRole; partnerId: string }, now: Date): Promise<PartnerUser> {
    const email = input.email.trim().toLowerCase();
    const owner = await this.users.ownerOfEmail(tx, email);
    if (owner) throw owner.partnerId === input.partnerId ? alreadyOnTeam(email) : cannotInvite();
    try {
      return await this.users.insertPartnerUser(tx, { email, displayName: input.displayName.trim(), role: input.role, partnerId: input.partnerId, passwordHash: null }, now);
    } catch (error) {
      // A concurrent invitation of the same address loses on the unique constraint.
      if (isUniqueViolation(error)) throw cannotInvite();
      throw error;
    }
  }

  /** An admin or channel manager without a password: they set it through an invitation link. */
  async createInvitedStaff(tx: EntityManager, input: { email: string; displayName: string; role: UserRole }, now: Date): Promise<PartnerUser> {
    const email = input.email.trim().toLowerCase();
    const problems = newUserProblems({ ...input, email, partnerId: null });
    if (problems.length > 0) throw DomainError.invalid(problems);
    if (await this.users.existsByEmail(tx, email)) throw alreadyExists(email);
    try {
      return await this.users.insertPartnerUser(tx, { email, displayName: input.displayName.trim(), role: input.role, partnerId: null, passwordHash: null }, now);
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(email);
      throw error;
    }
  }

  /** An admin or channel manager, locked for the caller's transaction; null for anyone else. */
  lockStaff(tx: EntityManager, userId: string): Promise<PartnerUser | null> {
    return this.users.lockStaff(tx, userId);
  }

  setStaffRole(tx: EntityManager, userId: string, role: UserRole, now: Date): Promise<void> {
    return this.users.setStaffRole(tx, userId, role, now);
  }

  managedPartnerCount(tx: EntityManager, userId: string): Promise<number> {
    return this.users.managedPartnerCount(tx, userId);
  }

  /** Users are never deleted; null when the user does not belong to the partner. */
  deactivate(tx: EntityManager, userId: string, partnerId: string, now: Date): Promise<PartnerUser | null> {
    return this.users.deactivate(tx, userId, partnerId, now);
  }

  /** Admins and channel managers only; null when the id is no such user. */
  deactivateStaff(tx: EntityManager, userId: string, now: Date): Promise<User | null> {
    return this.users.deactivateStaff(tx, userId, now);
  }

  /** Stores a new one-time link for the user; its secret is derived from the id when the email is sent (oneTimeLinkSecret). */
  async issueLink(tx: EntityManager, userId: string, purpose: LinkPurpose, now: Date, expiresAt: Date): Promise<{ id: string }> {
    const id = randomUUID();
    await this.links.insert(tx, { id, userId, purpose, tokenHash: hashLinkSecret(oneTimeLinkSecret(this.config.serverSecret, id)), now, expiresAt });
    return { id };
  }

  /** The link behind a secret (row-locked when `lock`), or null. */
  findLink(tx: EntityManager, secret: string, lock: boolean): Promise<OneTimeLink | null> {
    if (secret === '') return Promise.resolve(null);
    return this.links.findByHash(tx, hashLinkSecret(secret), lock);
  }

  /** Sets the password and uses up every open link of the user, so no link can set a second one. */
  async setPasswordFromLink(tx: EntityManager, userId: string, passwordHash: string, now: Date): Promise<void> {
    await this.users.setPasswordHash(tx, userId, passwordHash, now);
    await this.links.useAllOpen(tx, userId, now);
  }

  awayDates(userId: string): Promise<AwayDates> {
    return this.users.awayDates(userId);
  }

  /** Round-robin routing skips the user on these days; an empty pair clears them. 400 when the range is not a range. */
  async setAwayDates(userId: string, away: { from?: string | null; until?: string | null }): Promise<AwayDates> {
    const from = away.from?.trim() || null;
    const until = away.until?.trim() || null;
    const problems = awayProblems(from, until);
    if (problems.length > 0) throw DomainError.invalid(problems);
    await this.users.setAwayDates(userId, { from, until });
    return { from, until };
  }

  /** The zone the user chose, null when they use the default (see User.timeZone), and the zone in effect. */
  async timeZone(userId: string): Promise<{ chosen: string | null; effective: string }> {
    const [chosen, user] = await Promise.all([this.users.chosenTimeZone(userId), this.users.findActiveById(userId)]);
    if (!user) throw DomainError.notFound('User');
    return { chosen, effective: user.timeZone };
  }

  /** An IANA zone from TIME_ZONES, or null/empty for the default; anything else is a 400 saying so. */
  async setTimeZone(userId: string, zone: string | null | undefined): Promise<{ chosen: string | null; effective: string }> {
    const chosen = zone?.trim() || null;
    if (chosen !== null && !TIME_ZONES.includes(chosen)) {
      throw DomainError.invalid([{ field: 'timeZone', problems: ['Choose a time zone from the list, such as "Europe/Berlin" (or none for the default).'] }]);
    }
    await this.users.setTimeZone(userId, chosen);
    return this.timeZone(userId);
  }

  emailOptOuts(userId: string): Promise<string[]> {
    return this.users.emailOptOuts(userId);
  }

  /** Adds `optOut` and removes `optIn`; opt-outs of templates not named are kept, so a role change does not forget them. */
  updateEmailOptOuts(userId: string, optOut: string[], optIn: string[]): Promise<void> {
    return this.users.updateEmailOptOuts(userId, optOut, optIn);
  }
}

/** A real calendar day as YYYY-MM-DD (2026-02-30 is not one: Date would roll it over to March). */
function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

function awayProblems(from: string | null, until: string | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (from !== null && !isDate(from)) problems.push({ field: 'from', problems: ['Give the first day away as a date (YYYY-MM-DD).'] });
  if (until !== null && !isDate(until)) problems.push({ field: 'until', problems: ['Give the last day away as a date (YYYY-MM-DD).'] });
  if (problems.length > 0) return problems;
  if (from === null && until !== null) problems.push({ field: 'from', problems: ['Give the first day away too.'] });
  if (from !== null && until === null) problems.push({ field: 'until', problems: ['Give the last day away too.'] });
  if (from !== null && until !== null && until < from) problems.push({ field: 'until', problems: ['The last day away cannot be before the first.'] });
  return problems;
}

function newUserProblems(input: NewUser & { partnerId: string | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!/^[^\s@]+@[^\s@]+$/.test(input.email)) problems.push({ field: 'email', problems: ['email must be an email address'] });
  if (input.displayName.trim() === '') problems.push({ field: 'displayName', problems: ['displayName must not be empty'] });
  if (!USER_ROLES.includes(input.role)) problems.push({ field: 'role', problems: [`role must be one of: ${USER_ROLES.join(', ')}`] });
  else if (isPartnerRole(input.role) !== (input.partnerId !== null)) {
    problems.push({ field: 'partnerId', problems: [isPartnerRole(input.role) ? `a ${input.role} needs a partnerId` : `a ${input.role} cannot belong to a partner`] });
  }
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    problems.push({ field: 'password', problems: [`password must be at least ${MIN_PASSWORD_LENGTH} characters`] });
  }
  return problems;
}
