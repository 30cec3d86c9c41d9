import type { Request } from 'express';
import { csrfTokenFor, LinkProblem } from '@leadgate/auth';
import { LinkPurpose, MIN_PASSWORD_LENGTH } from '@leadgate/users';

/** The same words whether or not the address has an account, so the form cannot be used to probe for users. */
export const RESET_REQUESTED = 'If the address belongs to a LeadGate account, we have sent it a link to choose a new password. Check your inbox.';
export const RESET_THROTTLED = 'Too many requests. Wait a minute, then try again.';

export const LINK_PROBLEMS: Record<LinkProblem, string> = {
  unknown: 'This link is not valid. Ask for a new one below, or ask your partner admin to invite you again.',
  used: 'This link has already been used. Ask for a new one if you need to change your password again.',
  expired: 'This link has expired. Ask for a new one below.',
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function forgotView(req: Request, state: { email?: string; notice?: string; formError?: string; fieldErrors?: Record<string, string> } = {}) {
  return { title: 'Forgot your password', csrfToken: csrfTokenFor(req), email: state.email ?? '', notice: state.notice, formError: state.formError, fieldErrors: state.fieldErrors ?? {} };
}

export const forgotEmailOf = (req: Request): string => text((req.body as Record<string, unknown> | undefined)?.email).trim();

export interface ResetForm {
  token: string;
  password: string;
  confirmation: string;
}

export function resetFormOf(req: Request): ResetForm {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return { token: text(body.token), password: text(body.password), confirmation: text(body.confirmation) };
}

export function resetFieldErrors(form: ResetForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.password.length < MIN_PASSWORD_LENGTH) errors.password = `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (form.confirmation !== form.password) errors.confirmation = 'The two passwords do not match.';
  return errors;
}

/** An invitation's link opens the same page, worded for a first password. */
export function resetView(req: Request, state: { token: string; purpose?: LinkPurpose; problem?: LinkProblem; fieldErrors?: Record<string, string> }) {
  return {
    title: state.purpose === 'invite' ? 'Set your password' : 'Choose a new password',
    csrfToken: csrfTokenFor(req),
    token: state.token,
    formError: state.problem ? LINK_PROBLEMS[state.problem] : undefined,
    usable: !state.problem,
    fieldErrors: state.fieldErrors ?? {},
  };
}
