// The OpenAPI document integrators generate clients from: valid, and honest about every operation's answers.
import request from 'supertest';
import { makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

type Schema = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let doc: { openapi: string; info: { title: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> } };
  let operations: { path: string; method: string; op: Operation; name: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method], name: `${method.toUpperCase()} ${path}` })),
    );
  });
  afterAll(() => t.close());

  const problems = (check: (o: (typeof operations)[number]) => string | null) => operations.map((o) => check(o)).filter((p): p is string => p !== null);

  it('is a valid OpenAPI 3 document: unique operation ids, declared path parameters, every $ref resolving', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(operations.length).toBeGreaterThan(40);
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => !id || ids.indexOf(id) !== i)).toEqual([]);
    expect(
      problems(({ path, op, name }) => {
        const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name));
        const missing = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => !declared.has(p));
        return missing.length ? `${name}: path parameter ${missing.join(', ')} not declared` : null;
      }),
    ).toEqual([]);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((ref) => !doc.components.schemas[ref])).toEqual([]);
  });

  it('gives every success answer a schema, and CSV answers a text/csv string', () => {
    expect(
      problems(({ op, name }) => {
        const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
        if (success.length === 0) return `${name}: no success answer`;
        for (const [status, response] of success) {
          if (status === '204') continue;
          const json = response.content?.['application/json']?.schema;
          if (!json || Object.keys(json).length === 0) return `${name}: ${status} has no JSON schema`;
          const csv = response.content?.['text/csv'];
          if (csv && csv.schema?.type !== 'string') return `${name}: text/csv reuses a JSON schema`;
        }
        return null;
      }),
    ).toEqual([]);
    const csvOperations = operations.filter((o) => Object.values(o.op.responses).some((r) => r.content?.['text/csv']));
    expect(csvOperations.map((o) => o.name)).toEqual(expect.arrayContaining(['GET /api/v1/reports/outcomes', 'GET /api/v1/reports/sla']));
  });

  it('documents the error schema {statusCode, message, errors[]} on each error an operation can answer', () => {
    const error = doc.components.schemas.ErrorDto as { required: string[]; properties: Record<string, Schema> };
    expect(error.required).toEqual(['statusCode', 'message']);
    expect(Object.keys(error.properties)).toEqual(['statusCode', 'message', 'errors']);
    expect(
      problems(({ path, method, op, name }) => {
        const expected = [400];
        if (op.security?.length) expected.push(401, 403);
        if (path.includes('{')) expected.push(404);
        if (method === 'post') expected.push(409, 422);
        if (op.requestBody) expected.push(413);
        const missing = expected.filter((status) => !op.responses[status]);
        if (missing.length) return `${name}: ${missing.join(', ')} not documented`;
        const bare = Object.entries(op.responses)
          .filter(([status]) => Number(status) >= 400)
          .filter(([, r]) => (r.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref !== '#/components/schemas/ErrorDto');
        return bare.length ? `${name}: ${bare.map(([s]) => s).join(', ')} without the error schema` : null;
      }),
    ).toEqual([]);
  });

  it('declares the Idempotency-Key header on every POST', () => {
    expect(problems(({ method, op, name }) => (method === 'post' && !op.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header') ? name : null))).toEqual([]);
  });

  it('describes the bearer scheme as an opaque lg_ token, not a JWT', () => {
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes).toHaveLength(1);
    expect(schemes[0]).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes[0].bearerFormat).toBe('opaque');
    expect(schemes[0].description).toMatch(/opaque.*lg_/i);
    expect(JSON.stringify(doc)).not.toMatch(/JWT/);
  });

  it('answers only documented statuses to an unknown id, an unknown query parameter and no credentials', async () => {
    const admin = await makeToken(t, 'admin');
    const undocumented: string[] = [];
    for (const { path, method, op, name } of operations.filter((o) => o.method === 'get' && o.path.startsWith('/api/v1/'))) {
      const url = path.replace(/\{\w+\}/g, '6f1c1f8e-3f36-4c53-9d3c-8f6f0a3a5b11');
      const answers = [
        await request(t.http)[method as 'get'](url).set('Authorization', `Bearer ${admin}`),
        await request(t.http)[method as 'get'](`${url}?surely_unknown=1`).set('Authorization', `Bearer ${admin}`),
        await request(t.http)[method as 'get'](url),
      ];
      for (const res of answers) if (!op.responses[res.status]) undocumented.push(`${name} answered ${res.status}`);
    }
    expect(undocumented).toEqual([]);
  });
});
