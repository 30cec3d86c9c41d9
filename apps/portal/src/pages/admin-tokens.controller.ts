import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { actorOf, ApiTokensService, Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, formatInstant, ROLES, UuidParam } from '@leadgate/common';
import { ListPartnersQuery, PartnersService } from '@leadgate/partners';
import { apiTokenDto, errorsByField } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

interface TokenPageState {
  values?: FormValues;
  errors?: Record<string, string>;
  message?: string;
  created?: { name: string; secret: string };
  flash?: string;
}

/** API tokens for admins: the list with last use, creating one (its secret shown on that response only) and revoking. */
/** The token roles, least powerful first, each with what it lets a system do. */
const TOKEN_ROLES: { role: (typeof ROLES)[number]; label: string }[] = [
  { role: 'intake', label: 'intake — posts leads (marketing automation, web forms)' },
  { role: 'partner_rep', label: 'partner_rep — works one partner’s leads (a partner’s CRM)' },
  { role: 'partner_admin', label: 'partner_admin — one partner’s leads and users' },
  { role: 'channel_manager', label: 'channel_manager — reads partners, assigns leads, overrides standings' },
  { role: 'admin', label: 'admin — everything' },
];

@ApiExcludeController()
@Controller('admin/tokens')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class AdminTokensController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly partners: PartnersService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.render(req, res, viewer, HttpStatus.OK, { flash: req.query.done === 'revoked' ? 'Token revoked: it no longer works.' : undefined });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['name', 'role', 'partnerId']);
    try {
      const dto = await apiTokenDto(values);
      const { token, secret } = await this.tokens.create({ ...dto, createdBy: actorOf(viewer) });
      // The secret is never stored in clear, so this response is the only place it can appear; keep it out of caches.
      res.setHeader('Cache-Control', 'no-store');
      await this.render(req, res, viewer, HttpStatus.CREATED, { created: { name: token.name, secret } });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      await this.render(req, res, viewer, HttpStatus.BAD_REQUEST, { values, errors: errorsByField(error.fields), message: 'Please correct the marked fields.' });
    }
  }

  @Post(':id/revoke')
  async revoke(@Param('id', UuidParam('API token')) id: string, @Res() res: Response): Promise<void> {
    await this.tokens.revoke(id);
    res.redirect(HttpStatus.SEE_OTHER, '/admin/tokens?done=revoked');
  }

  private async render(req: Request, res: Response, viewer: Principal, status: HttpStatus, state: TokenPageState): Promise<void> {
    const [tokens, partners] = await Promise.all([this.tokens.list(), this.partners.list(plainToInstance(ListPartnersQuery, { pageSize: 200 }), viewer)]);
    const names = new Map(partners.items.map((p) => [p.id, p.name]));
    const values = state.values ?? {};
    res.status(status).render('admin/tokens', {
      title: 'API tokens',
      ...state,
      values,
      errors: state.errors ?? {},
      tokens: tokens.map((t) => ({
        ...t,
        partnerName: t.partnerId ? names.get(t.partnerId) ?? t.partnerId : '',
        createdText: minuteOf(t.createdAt, viewer.timeZone),
        lastUsed: t.lastUsedAt ? minuteOf(t.lastUsedAt, viewer.timeZone) : null,
        revoked: t.revokedAt ? minuteOf(t.revokedAt, viewer.timeZone) : null,
      })),
      // No role is chosen for the admin: a token gets exactly the power someone picked for it.
      roleChoices: TOKEN_ROLES.map(({ role, label }) => ({ role, label, selected: values.role === role })),
      partnerChoices: partners.items.map((p) => ({ id: p.id, name: p.name, selected: values.partnerId === p.id })),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}

/** Times in the viewer's zone to the minute, e.g. 2026-03-02 09:00 UTC. */
const minuteOf = (at: Date, zone: string): string => formatInstant(at, zone, 'compact');
