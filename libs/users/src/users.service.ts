import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { DomainError, FieldProblem, isPartnerRole, USER_ROLES, UserRole } from '@leadgate/common';
import { User } from './user.entity';

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

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async createUser(input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const partnerId = input.partnerId ?? null;
    const problems = newUserProblems({ ...input, email, partnerId });
    if (problems.length > 0) throw DomainError.invalid(problems);
    if (await this.users.existsBy({ email })) throw DomainError.conflict(`A user with email ${email} already exists`);

    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    try {
      const saved = await this.users.save(this.users.create({ email, displayName: input.displayName.trim(), role: input.role, partnerId, passwordHash, active: true }));
      // The hash is never handed back, matching `select: false` on reads.
      return { ...saved, passwordHash: null };
    } catch (error) {
      // A concurrent create of the same email loses on the unique constraint.
      if ((error as { code?: string }).code === '23505') throw DomainError.conflict(`A user with email ${email} already exists`);
      throw error;
    }
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }
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
