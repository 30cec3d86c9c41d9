// Partner pauses: set by the partner admin (its own partner) or a channel manager (its partners; admins all).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf, type Principal } from '@leadgate/auth';
import { Clock, DomainError } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { WaitingLeadsSignal } from '@leadgate/lifecycle';
import { CreatePauseDto, PartnerPauseDto } from './dto/pause.dto';
import { PartnersRepository } from './partners.repository';
import { visibleTo } from './partners.service';
import { PausesRepository } from './pauses.repository';
import { checkPause } from './policy/pause';

const PAUSES_LISTED = 100;

@Injectable()
export class PausesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pauses: PausesRepository,
    private readonly partners: PartnersRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly waiting: WaitingLeadsSignal,
  ) {}

  /** The partner's pauses, the latest first. A partner outside the caller's scope is a 404. */
  async list(partnerId: string, viewer: Principal): Promise<PartnerPauseDto[]> {
    await this.assertVisible(partnerId, viewer);
    const now = this.clock.now();
    return (await this.pauses.list(partnerId, PAUSES_LISTED)).map((pause) => PartnerPauseDto.from(pause, now));
  }

  /** Saves a pause, checked against the partner's others with its row locked, so two requests cannot overlap. */
  async create(partnerId: string, dto: CreatePauseDto, viewer: Principal): Promise<PartnerPauseDto> {
    await this.assertVisible(partnerId, viewer);
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (tx) => {
      if (!(await this.partners.lock(tx, partnerId))) throw DomainError.notFound('Partner');
      const others = await this.pauses.comingOrRunning(tx, partnerId, now);
      const windows = others.map((o) => ({ startsAt: o.startsAt, endsAt: o.endedAt && o.endedAt < o.endsAt ? o.endedAt : o.endsAt }));
      const checked = checkPause({ from: new Date(dto.from), until: new Date(dto.until) }, windows, now, this.config.env.PAUSE_MAX_DAYS);
      if (Array.isArray(checked)) throw DomainError.invalid(checked);
      const pause = await this.pauses.insert(tx, { partnerId, ...checked, reason: dto.reason, createdBy: actorOf(viewer), createdAt: now });
      return PartnerPauseDto.from(pause, now);
    });
  }

  /** Ends a running pause now, or calls off one still to come; offers resume at once and waiting leads are offered again. */
  async end(partnerId: string, pauseId: string, viewer: Principal): Promise<PartnerPauseDto> {
    await this.assertVisible(partnerId, viewer);
    const now = this.clock.now();
    const ended = await inTransaction(this.dataSource, (tx) => this.pauses.end(tx, partnerId, pauseId, now, actorOf(viewer)));
    if (!ended) {
      if (!(await this.pauses.find(partnerId, pauseId))) throw DomainError.notFound('Pause');
      throw DomainError.conflict('This pause is already over.');
    }
    this.waiting.changed();
    return PartnerPauseDto.from(ended, now);
  }

  private async assertVisible(partnerId: string, viewer: Principal): Promise<void> {
    if (!(await this.partners.findOne({ ...visibleTo(viewer), id: partnerId }))) throw DomainError.notFound('Partner');
  }
}
