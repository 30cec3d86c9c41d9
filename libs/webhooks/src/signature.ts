// The X-LeadGate-Signature header, and each endpoint's signing secret.
import { createHmac } from 'node:crypto';

/**
 * An endpoint's signing secret, derived from its id with the server secret (SESSION_SECRET), like one-time
 * links: nothing stores it, so whoever reads the database cannot sign events. Rotating SESSION_SECRET
 * changes every endpoint's secret (re-register them).
 */
export function endpointSecret(serverSecret: string, endpointId: string): string {
  return `whsec_${createHmac('sha256', serverSecret).update(`webhook-endpoint:${endpointId}`).digest('base64url')}`;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}
