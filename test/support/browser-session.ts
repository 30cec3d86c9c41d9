// What e2e suites need to act as a signed-in browser over supertest: the session cookie, a page's CSRF token, signing in.
import request, { Response } from 'supertest';
import type { App } from 'supertest/types';

const SESSION_COOKIE = 'leadgate.sid';

/** The CSRF token of the page's form; throws with the page when there is none, so a failure shows what came back instead. */
export function csrfOf(res: Response): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`no CSRF token in page:\n${res.text}`);
  return match[1];
}

/** The `leadgate.sid=…` pair the response sets, ready for a Cookie header; undefined when it sets none. */
export function sessionCookieOf(res: Response): string | undefined {
  return ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
}

/** Signs in through the login form as a browser does (the page for its session and token, then the form); returns the new session cookie. */
export async function signIn(http: App, email: string, password: string): Promise<string> {
  const page = await request(http).get('/login').expect(200);
  const res = await request(http).post('/login').set('Cookie', requiredSessionCookieOf(page)).type('form').send({ email, password, _csrf: csrfOf(page) }).expect(303);
  return requiredSessionCookieOf(res);
}

function requiredSessionCookieOf(res: Response): string {
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error(`no ${SESSION_COOKIE} cookie set by the ${res.status} response:\n${res.text}`);
  return cookie;
}
