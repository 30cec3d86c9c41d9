// Registering, listing and removing webhook endpoints, within the caller's scope.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf, Principal } from '@leadgate/auth';
import { Clock, DomainError, pageOffset, toPage } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { CreatedWebhookDto, CreateWebhookDto, DeliveriesQuery, ReplayDto, ReplayedDto, toWebhookDto, WebhookDeliveriesPageDto, WebhookDto } from './dto/webhook.dto';
import { webhookUrlProblem } from './policy';
import { endpointSecret } from './signature';
import { EndpointScope, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookOutboxRepository } from './webhook-outbox.repository';

/** Admins manage program-wide endpoints; a partner admin its own partner's, which receive only that partner's events. */
const scopeOf = (principal: Principal): EndpointScope =>
  principal.role === 'admin' ? { kind: 'all' } : { kind: 'partner', partnerId: principal.partnerId! };

@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly outbox: WebhookOutboxRepository,
  ) {}

  async register(dto: CreateWebhookDto, principal: Principal): Promise<CreatedWebhookDto> {
    const problem = webhookUrlProblem(dto.url, { allowPrivate: this.config.webhookAllowPrivateUrls, portalUrl: this.config.publicUrl });
    if (problem) throw DomainError.invalid([{ field: 'url', problems: [problem] }]);
    const scope = scopeOf(principal);
    const endpoint = await this.endpoints.insert({
      url: dto.url,
      events: dto.events,
      partnerId: scope.kind === 'partner' ? scope.partnerId : null,
      createdBy: actorOf(principal),
      createdAt: this.clock.now(),
    });
    return { ...toWebhookDto(endpoint), secret: endpointSecret(this.config.serverSecret, endpoint.id) };
  }

  async list(principal: Principal): Promise<WebhookDto[]> {
    return (await this.endpoints.list(scopeOf(principal))).map(toWebhookDto);
  }

  async remove(id: string, principal: Principal): Promise<void> {
    if (!(await this.endpoints.remove(id, scopeOf(principal)))) throw DomainError.notFound('Webhook');
  }

  /** The endpoint's delivery log: status, attempts, latency and an excerpt of the last answer. */
  async deliveries(id: string, principal: Principal, query: DeliveriesQuery): Promise<WebhookDeliveriesPageDto> {
    if (!(await this.endpoints.findInScope(id, scopeOf(principal)))) throw DomainError.notFound('Webhook');
    const { items, total } = await this.outbox.log(id, query.status ?? null, { offset: pageOffset(query), limit: query.pageSize });
    return toPage(items, total, query);
  }

  /** Sends failed deliveries (one, or all) again, and enables the endpoint if delivery had disabled it. */
  replay(id: string, principal: Principal, dto: ReplayDto): Promise<ReplayedDto> {
    return inTransaction(this.dataSource, async (tx) => {
      if (!(await this.endpoints.findInScope(id, scopeOf(principal), tx))) throw DomainError.notFound('Webhook');
      const replayed = await this.outbox.requeueFailed(tx, id, dto.deliveryId ?? null, this.clock.now());
      if (dto.deliveryId && replayed === 0) throw DomainError.notFound('Failed delivery');
      await this.endpoints.enable(tx, id);
      return { replayed };
    });
  }
}
