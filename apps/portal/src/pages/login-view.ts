import type { Request } from 'express';
import { csrfTokenFor } from '@leadgate/auth';
import { safeReturnPath } from './sign-in-return';

/** Never says whether the email exists: the same words for an unknown email, a wrong password or a deactivated user. */
export const SIGN_IN_FAILED = 'That email and password do not match an active account.';
export const SIGN_IN_THROTTLED = 'Too many sign-in attempts. Wait a minute, then try again.';

export interface LoginForm {
  email: string;
  password: string;
}

export function loginFormOf(req: Request): LoginForm {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { email: text(body.email).trim(), password: text(body.password) };
}

/** Field-level problems of a submitted form: each shown next to its field. */
export function missingFields(form: LoginForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.email === '') errors.email = 'Enter your email address.';
  if (form.password === '') errors.password = 'Enter your password.';
  return errors;
}

/** The page to go on to after signing in: asked for in the link (GET) and carried through the form (POST). */
export function returnPathOf(req: Request): string | undefined {
  return safeReturnPath(req.method === 'GET' ? req.query.next : (req.body as Record<string, unknown> | undefined)?.next);
}

/** The sign-in page's template data; the password is never echoed back. */
export function loginView(req: Request, state: { email?: string; formError?: string; fieldErrors?: Record<string, string> } = {}) {
  return { title: 'Sign in', csrfToken: csrfTokenFor(req), email: state.email ?? '', next: returnPathOf(req), formError: state.formError, fieldErrors: state.fieldErrors ?? {} };
}
