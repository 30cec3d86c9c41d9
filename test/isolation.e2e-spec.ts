// Walks every route of the running app that takes a path parameter, as partner A's users, with
// partner B's ids: nothing of B's may come back. Routes added later are picked up automatically.
import type { Application } from 'express';
import request from 'supertest';
import { UsersService } from '@leadgate/users';
import { ApiTokensService } from '@leadgate/auth';
import { Partner } from '@leadgate/partners';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
}
type Schema = { $ref?: string; type?: string; format?: string; enum?: unknown[]; example?: unknown; minimum?: number; items?: Schema; properties?: Record<string, Schema>; required?: string[] };
type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };

const PASSWORD = 'isolation password';

/** Every method + path the express app routes, read from its router (so nothing needs listing by hand). */
function routesOf(app: Application): Route[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })) : [],
  );
}

/** A body that passes validation, built from the route's OpenAPI schema, so the request reaches the scope check. */
function sampleOf(schema: Schema | undefined, doc: OpenApi, fill: { uuid: string }, name = ''): unknown {
  if (!schema) return {};
  if (schema.$ref) return sampleOf(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc, fill, name);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return [sampleOf(schema.items, doc, fill, name)];
    case 'string':
      if (schema.format === 'uuid' || /Id$/.test(name)) return fill.uuid;
      if (schema.format === 'date-time') return '2030-01-01T00:00:00Z';
      if (schema.format === 'email') return 'someone@example.com';
      return 'other';
    default:
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleOf(schema.properties?.[name], doc, fill, name)]));
  }
}

describe('tenant isolation across every route', () => {
  let t: TestApp;
  let partnerA: Partner;
  let partnerB: Partner;
  let doc: OpenApi;
  let ids: Record<string, string>;
  let secretsOfB: string[];
  let callers: { name: string; auth: (req: request.Test) => request.Test }[];

  beforeAll(async () => {
    t = await createTestApp();
    partnerA = await makePartner(t.dataSource, { name: 'Alpha Isolation Partner' });
    partnerB = await makePartner(t.dataSource, { name: 'Bravo Isolation Partner' });
    const type = await makeLeadType(t.dataSource);
    const leadOfB = await makeLead(t.dataSource, type.id, { email: 'bravo.buyer@example.com' });
    await t.dataSource.query(`UPDATE leads SET current_partner_id = $2, status = 'offered' WHERE id = $1`, [leadOfB, partnerB.id]);
    const [{ company }] = await t.dataSource.query(`SELECT company FROM leads WHERE id = $1`, [leadOfB]);
    const users = t.app.get(UsersService);
    const userOfB = await users.createUser({ email: 'bravo.rep@example.com', displayName: 'Bravo Rep', role: 'partner_rep', partnerId: partnerB.id, password: PASSWORD });
    const { token: tokenOfB } = await t.app.get(ApiTokensService).create({ name: 'Bravo CRM', role: 'partner_rep', partnerId: partnerB.id, createdBy: 'test' });
    ids = { leads: leadOfB, partners: partnerB.id, users: userOfB.id, 'api-tokens': tokenOfB.id };
    secretsOfB = [partnerB.id, partnerB.name, leadOfB, 'bravo.buyer@example.com', company, userOfB.id, 'bravo.rep@example.com', 'Bravo Rep', tokenOfB.id, 'Bravo CRM'];

    doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const repA = await makeToken(t, 'partner_rep', partnerA.id);
    const adminA = await makeToken(t, 'partner_admin', partnerA.id);
    await users.createUser({ email: 'alpha.rep@example.com', displayName: 'Alpha Rep', role: 'partner_rep', partnerId: partnerA.id, password: PASSWORD });
    const session = await sessionWithCsrf('alpha.rep@example.com');
    callers = [
      { name: 'partner_rep token of A', auth: (req) => req.set('Authorization', `Bearer ${repA}`) },
      { name: 'partner_admin token of A', auth: (req) => req.set('Authorization', `Bearer ${adminA}`) },
      // With a valid CSRF token, so the request reaches the route instead of stopping at the CSRF check.
      { name: 'partner_rep session of A', auth: (req) => req.set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf) },
    ];
  });
  afterAll(() => t.close());

  /** A signed-in session with the CSRF token of its home page, for calling JSON routes the way the portal's pages do. */
  async function sessionWithCsrf(email: string): Promise<{ cookie: string; csrf: string }> {
    const cookie = await signIn(t.http, email, PASSWORD);
    const home = await request(t.http).get('/').set('Cookie', cookie).expect(200);
    return { cookie, csrf: csrfOf(home) };
  }

  /** B's id for a parameter, chosen by the collection the parameter follows (`/partners/:id` → partner B). */
  const fillPath = (path: string): string =>
    path.replace(/\/([^/]+)\/:(\w+)/g, (_, collection: string) => `/${collection}/${ids[collection] ?? ids.leads}`).replace(/:\w+/g, ids.leads);

  const bodyFor = (route: Route): unknown => {
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    const operation = doc.paths[openApiPath]?.[route.method.toLowerCase()];
    return sampleOf(operation?.requestBody?.content?.['application/json']?.schema, doc, { uuid: partnerB.id });
  };

  it('finds the parameterised routes in the running app', () => {
    const routes = routesOf(t.app.getHttpAdapter().getInstance()).filter((r) => r.path.includes(':'));
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['GET /api/v1/leads/:id', 'POST /api/v1/leads/:id/accept', 'GET /api/v1/partners/:id', 'GET /api/v1/partners/:id/compliance']));
  });

  it("never shows partner A's users anything of partner B's, on any route", async () => {
    const routes = routesOf(t.app.getHttpAdapter().getInstance()).filter((r) => r.path.includes(':'));
    const leaks: string[] = [];
    for (const route of routes) {
      for (const caller of callers) {
        const path = fillPath(route.path);
        let req = caller.auth(request(t.http)[route.method.toLowerCase() as 'get'](path));
        if (!['GET', 'HEAD', 'DELETE'].includes(route.method)) req = req.send(bodyFor(route) as object);
        const res = await req;
        const text = `${res.text ?? ''}${JSON.stringify(res.headers)}`;
        const shown = secretsOfB.filter((secret) => text.includes(secret) && !path.includes(secret));
        const bodyShown = secretsOfB.filter((secret) => (res.text ?? '').includes(secret));
        if (![403, 404].includes(res.status) || bodyShown.length > 0 || shown.length > 0) {
          leaks.push(`${caller.name}: ${route.method} ${path} → ${res.status} ${bodyShown.concat(shown).join(', ')} ${res.text?.slice(0, 200)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // B's lead is untouched by all of the above.
    const [{ status, current_partner_id }] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [ids.leads]);
    expect({ status, current_partner_id }).toEqual({ status: 'offered', current_partner_id: partnerB.id });
  });

  it("never shows partner A's users anything of partner B's on the other pages and lists, even when the query names B", async () => {
    const routes = routesOf(t.app.getHttpAdapter().getInstance()).filter((r) => r.method === 'GET' && !r.path.includes(':'));
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v1/leads', '/api/v1/reports/outcomes', '/leads', '/dashboard']));
    const leaks: string[] = [];
    for (const route of routes) {
      for (const query of ['', `?partnerId=${partnerB.id}`, `?partnerId=${partnerB.id}&groupBy=partner`]) {
        for (const caller of callers) {
          const res = await caller.auth(request(t.http).get(`${route.path}${query}`));
          const bodyShown = secretsOfB.filter((secret) => (res.text ?? '').includes(secret) && !query.includes(secret));
          if (res.status >= 500 || bodyShown.length > 0) leaks.push(`${caller.name}: GET ${route.path}${query} → ${res.status} ${bodyShown.join(', ')}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
