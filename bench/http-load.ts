// autocannon, typed for what the HTTP benches use (the package ships no types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (options: object) => Promise<AutocannonResult> = require('autocannon');

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

export interface LoadFigures {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body for every request (unique buyers). */
  body?: () => string;
}

/** Keeps `connections` requests in flight for `seconds`; any non-2xx answer or error fails the bench. */
export async function load(options: LoadOptions): Promise<LoadFigures> {
  const { body } = options;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: body ? [{ setupRequest: (request: object) => ({ ...request, body: body() }) }] : undefined,
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${options.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { perSecond: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}
