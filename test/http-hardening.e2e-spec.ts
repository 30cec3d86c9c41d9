// Hostile input at the HTTP edge: oversized, malformed, oddly encoded or deeply nested bodies answer 4xx, never 500.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request, { Test } from 'supertest';
import { csrfOf, sessionCookieOf } from './support/browser-session';
import { makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('request bodies from strangers', () => {
  let t: TestApp;
  let intake: string;

  beforeAll(async () => {
    t = await createTestApp();
    intake = await makeToken(t, 'intake');
  });
  afterAll(() => t.close());

  const json = (path = '/api/v1/leads') => request(t.http).post(path).set('Authorization', `Bearer ${intake}`).set('Content-Type', 'application/json');
  /** A form posted as a browser would: with the session and CSRF token of the page it came from. */
  const form = async (page: string, body: string): Promise<Test> => {
    const res = await request(t.http).get(page).expect(200);
    return request(t.http).post(page).set('Cookie', sessionCookieOf(res)!).type('form').send(`${body}&_csrf=${encodeURIComponent(csrfOf(res))}`);
  };
  /** Bytes as they are: superagent would turn a Buffer into JSON text. */
  const bytes = (body: Buffer) => (req: Test) => req.serialize(() => body as unknown as string).send(body);
  /** The same, sent as JSON: pages read JSON bodies too. */
  const jsonForm = async (page: string, body: Record<string, string>): Promise<Test> => {
    const res = await request(t.http).get(page).expect(200);
    return request(t.http).post(page).set('Cookie', sessionCookieOf(res)!).send({ ...body, _csrf: csrfOf(res) });
  };
  const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

  it.each<[string, () => Test | Promise<Test>, number, RegExp]>([
    ['a JSON body over 2 MB', () => json().send(JSON.stringify({ notes: 'x'.repeat(2_100_000) })), 413, /larger than allowed/],
    ['a JSON body over 2 MB without signing in', () => request(t.http).post('/api/v1/leads').set('Content-Type', 'application/json').send(`"${'x'.repeat(2_100_000)}"`), 413, /larger than allowed/],
    ['a form body over 100 kB', () => request(t.http).post('/login').type('form').send(`email=${'a'.repeat(200_000)}&password=x`), 413, /larger than allowed/],
    ['invalid gzip', () => json().set('Content-Encoding', 'gzip').send('not gzip at all'), 400, /could not be read/],
    ['invalid brotli', () => json().set('Content-Encoding', 'br').send('{}'), 400, /could not be read/],
    ['an unknown content encoding', () => json().set('Content-Encoding', 'zstd').send('{}'), 415, /unsupported content encoding/],
    ['a UTF-16 charset', () => bytes(Buffer.from('{}', 'utf16le'))(json().set('Content-Type', 'application/json; charset=utf-16')), 415, /must be UTF-8/],
    ['an unknown charset', () => json().set('Content-Type', 'application/json; charset=klingon').send('{}'), 415, /must be UTF-8/],
    ['malformed JSON', () => json().send('{"a":'), 400, /not valid JSON/],
    ['JSON nested 10,000 levels', () => json().send(nested(10_000)), 400, /nests more than 32 levels/],
    ['arrays nested 100,000 levels', () => json().send('['.repeat(100_000) + ']'.repeat(100_000)), 400, /nests more than 32 levels/],
    ['gzipped JSON nested 50,000 levels', () => bytes(gzipSync(nested(50_000)))(json().set('Content-Encoding', 'gzip')), 400, /nests more than 32 levels/],
    ['a NUL in the email on /login', () => form('/login', 'email=a%00b%40example.com&password=x'), 400, /email must not contain NUL characters/],
    ['a NUL in the email on /password/forgot', () => form('/password/forgot', 'email=a%00b%40example.com'), 400, /email must not contain NUL characters/],
    ['a NUL in the email of JSON posted to /login', () => jsonForm('/login', { email: 'a\u0000b@example.com', password: 'x' }), 400, /email must not contain NUL characters/],
  ])('answers %s with a 4xx and a reason, not a 500', async (_, send, status, message) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).toMatch(message);
  });

  it('ignores the charset of a request without a body', async () => {
    await request(t.http).get('/api/v1/lead-types').set('Authorization', `Bearer ${intake}`).set('Content-Type', 'application/json; charset=latin1').expect(200);
  });

  it('still reads compressed JSON and its validation still names each field', async () => {
    for (const [encoding, body] of [['gzip', gzipSync('{"email":"x"}')], ['br', brotliCompressSync('{"email":"x"}')]] as const) {
      const res = await bytes(body)(json().set('Content-Encoding', encoding)).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['email', 'company']));
    }
  });
});
