import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AccessService, partnerScopeOf, type Principal } from '@leadgate/auth';
import { Clock, DomainError, Page, pageOffset, PartnerScope, toPage } from '@leadgate/common';
import { inTransaction } from '@leadgate/database';
import { UsersService } from '@leadgate/users';
import { CreatePartnerDto } from './dto/create-partner.dto';
import { ListPartnersQuery } from './dto/list-partners.query';
import { PartnerDto } from './dto/partner.dto';
import { UpdatePartnerDto } from './dto/update-partner.dto';
import { Partner, PartnerFields, PartnerFilter, PartnersRepository } from './partners.repository';

/** Partner records for admins and channel managers; a caller sees only the partners in its scope (partnerScopeOf). */
@Injectable()
export class PartnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnersRepository,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async list(query: ListPartnersQuery, viewer: Principal): Promise<Page<PartnerDto>> {
    const filter: PartnerFilter = { ...visibleTo(viewer), tier: query.tier, standing: query.standing, active: query.active, territory: query.territory, nameContains: query.q };
    const sort = query.sort.replace(/^-/, '') as 'name' | 'createdAt';
    const { partners, total } = await this.partners.list(filter, { by: sort, descending: query.sort.startsWith('-') }, pageOffset(query), query.pageSize);
    return toPage(partners.map(PartnerDto.from), total, query);
  }

  async get(id: string, viewer: Principal): Promise<PartnerDto> {
    const partner = await this.partners.findOne({ ...visibleTo(viewer), id });
    if (!partner) throw DomainError.notFound('Partner');
    return PartnerDto.from(partner);
  }

  async create(dto: CreatePartnerDto): Promise<PartnerDto> {
    await this.assertChannelManager(dto.channelManagerId);
    // Fields left out take the column defaults (no territories, weight 1, Mon-Fri 09:00-17:00, active).
    const id = await this.writing(dto.name, () => this.partners.insert(dto));
    return this.loadDto(id);
  }

  /**
   * Deactivating ends the partner's access in the same transaction: its API tokens are revoked and
   * its users' sessions ended, and its users cannot sign in or reset a password while it is inactive.
   */
  async update(id: string, dto: UpdatePartnerDto): Promise<PartnerDto> {
    await this.assertChannelManager(dto.channelManagerId);
    await this.writing(dto.name, () =>
      inTransaction(this.dataSource, async (tx) => {
        if (!(await this.partners.lock(tx, id))) throw DomainError.notFound('Partner');
        await this.partners.update(tx, id, dto as PartnerFields);
        if (dto.active === false) await this.access.endForPartner(tx, id, this.clock.now());
      }),
    );
    return this.loadDto(id);
  }

  /** A partner by id, or by exact name when the argument is not a uuid (the CLI's way of naming one). */
  findByIdOrName(idOrName: string): Promise<Partner | null> {
    return UUID.test(idOrName) ? this.partners.findOne({ id: idOrName }) : this.partners.findByName(idOrName);
  }

  /** Names of the given partners, by id. */
  namesByIds(ids: string[]): Promise<Map<string, string>> {
    return this.partners.namesByIds(ids);
  }


  private async loadDto(id: string): Promise<PartnerDto> {
    const partner = await this.partners.findOne({ id });
    if (!partner) throw DomainError.notFound('Partner');
    return PartnerDto.from(partner);
  }

  private async assertChannelManager(userId: string | null | undefined): Promise<void> {
    if (!userId) return;
    if (await this.users.isActiveChannelManager(userId)) return;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A partner role without a partner (never issued) compares with NULL and so sees nothing. */
function filterOf(scope: PartnerScope): PartnerFilter {
  // The same rule as PartnerScopeRepository (lifecycle), as a filter of this library's list.
  if (scope.kind === 'partner') return { onlyId: scope.partnerId };
  if (scope.kind === 'managed') return { managedBy: scope.managerId };
  return {};
}

const visibleTo = (viewer: Principal): PartnerFilter => filterOf(partnerScopeOf(viewer));
