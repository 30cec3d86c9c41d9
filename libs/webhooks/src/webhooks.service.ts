// Registering, listing and removing webhook endpoints, within the caller's scope.
import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@leadgate/auth';
import { Clock, DomainError } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { CreatedWebhookDto, CreateWebhookDto, toWebhookDto, WebhookDto } from './dto/webhook.dto';
import { webhookUrlProblem } from './policy';
import { endpointSecret } from './signature';
import { EndpointScope, WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Admins manage program-wide endpoints; a partner admin its own partner's, which receive only that partner's events. */
const scopeOf = (principal: Principal): EndpointScope =>
  principal.role === 'admin' ? { kind: 'all' } : { kind: 'partner', partnerId: principal.partnerId! };

@Injectable()
export class WebhooksService {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
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
}
