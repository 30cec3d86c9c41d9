import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import { DomainError, isPartnerRole, Page, pageOffset, toPage } from '@leadgate/common';
import type { Principal } from '@leadgate/auth';
import { User } from '@leadgate/users';
import { CreatePartnerDto } from './dto/create-partner.dto';
import { ListPartnersQuery } from './dto/list-partners.query';
import { PartnerDto } from './dto/partner.dto';
import { UpdatePartnerDto } from './dto/update-partner.dto';
import { Partner } from './partner.entity';

const SORT_COLUMNS = { name: 'p.name', createdAt: 'p.createdAt' } as const;

/** Partner records for admins and channel managers; a partner-scoped caller only ever sees its own. */
@Injectable()
export class PartnersService {
  constructor(
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async list(query: ListPartnersQuery, viewer: Principal): Promise<Page<PartnerDto>> {
    const qb = this.visibleTo(viewer);
    if (query.tier) qb.andWhere('p.tier = :tier', { tier: query.tier });
    if (query.standing) qb.andWhere('p.standing = :standing', { standing: query.standing });
    if (query.active !== undefined) qb.andWhere('p.active = :active', { active: query.active });
    if (query.territory) {
      // Overlapping territories: "DE" finds partners in "DE-80", and "DE-80" finds partners covering all of "DE".
      qb.andWhere('EXISTS (SELECT 1 FROM unnest(p.territories) AS t(code) WHERE starts_with(t.code, :territory) OR starts_with(:territory, t.code))', {
        territory: query.territory,
      });
    }
    if (query.q) qb.andWhere(`p.name ILIKE :q ESCAPE '\\'`, { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    const descending = query.sort.startsWith('-');
    const column = SORT_COLUMNS[query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
    qb.orderBy(column, descending ? 'DESC' : 'ASC').addOrderBy('p.id', 'ASC').skip(pageOffset(query)).take(query.pageSize);
    const [partners, total] = await qb.getManyAndCount();
    return toPage(partners.map(PartnerDto.from), total, query);
  }

  async get(id: string, viewer: Principal): Promise<PartnerDto> {
    const partner = await this.visibleTo(viewer).andWhere('p.id = :id', { id }).getOne();
    if (!partner) throw DomainError.notFound('Partner');
    return PartnerDto.from(partner);
  }

  async create(dto: CreatePartnerDto): Promise<PartnerDto> {
    await this.assertChannelManager(dto.channelManagerId);
    // Fields left out take the column defaults (no territories, weight 1, Mon-Fri 09:00-17:00, active).
    const id = await this.writing(dto.name, async () => {
      const result = await this.partners.insert(withoutUndefined(dto));
      return result.identifiers[0].id as string;
    });
    return this.loadDto(id);
  }

  async update(id: string, dto: UpdatePartnerDto): Promise<PartnerDto> {
    if (!(await this.partners.existsBy({ id }))) throw DomainError.notFound('Partner');
    await this.assertChannelManager(dto.channelManagerId);
    const changes = withoutUndefined(dto);
    // Only the given columns are written, so a concurrent standing or open-lead change is never overwritten.
    if (Object.keys(changes).length > 0) await this.writing(dto.name, () => this.partners.update({ id }, changes));
    return this.loadDto(id);
  }

  private visibleTo(viewer: Principal): SelectQueryBuilder<Partner> {
    const qb = this.partners.createQueryBuilder('p');
    // A partner role without a partner (never issued) compares with NULL and so sees nothing.
    if (isPartnerRole(viewer.role)) qb.andWhere('p.id = :ownPartnerId', { ownPartnerId: viewer.partnerId });
    return qb;
  }

  private async loadDto(id: string): Promise<PartnerDto> {
    return PartnerDto.from(await this.partners.findOneByOrFail({ id }));
  }

  private async assertChannelManager(userId: string | null | undefined): Promise<void> {
    if (!userId) return;
    if (await this.users.existsBy({ id: userId, role: 'channel_manager', active: true })) return;
    throw DomainError.invalid([{ field: 'channelManagerId', problems: ['channelManagerId must be the id of an active user with role channel_manager'] }]);
  }

  /** Runs a write, turning the unique-name violation into a 409 a person can act on. */
  private async writing<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'partners_name_unique') {
        throw DomainError.conflict(`A partner named "${name}" already exists; choose another name`);
      }
      throw error;
    }
  }
}

/** The fields a request actually carried: absent ones must not overwrite (or null out) columns. */
function withoutUndefined<T extends object>(dto: T): Partial<Partner> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<Partner>;
}
