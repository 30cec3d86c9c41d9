import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database as up', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    expect(res.body.info.title).toBe('LeadGate API');
    expect(Object.keys(res.body.paths)).toContain('/api/v1/api-tokens');
  });

  it('answers 401 without a token and 403 with the wrong role', async () => {
    await request(t.http).get('/api/v1/api-tokens').expect(401);
    const { makeToken } = await import('./support/builders');
    const intake = await makeToken(t, 'intake');
    const res = await request(t.http).get('/api/v1/api-tokens').set('Authorization', `Bearer ${intake}`).expect(403);
    expect(res.body.message).toMatch(/admin/);
  });

  it('echoes a request id', async () => {
    const res = await request(t.http).get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});
