import type { Request } from 'express';

/** A path on this site ("/leads/…"), never another host: "//evil.example" and "/\evil.example" are refused. */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  return /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : undefined;
}

/** The sign-in form, remembering the page a signed-out GET asked for. */
export function signInPathFor(req: Request): string {
  const next = req.method === 'GET' ? safeReturnPath(req.originalUrl) : undefined;
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
