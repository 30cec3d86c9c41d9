// autocannon, typed for what the HTTP benches use (the package ships no types), with every response's time kept.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (options: object) => AutocannonInstance = require('autocannon');

interface AutocannonInstance extends PromiseLike<{ non2xx: number; errors: number; timeouts: number }> {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}

/** Responses of one or more load runs: how many in how long, and each one's time. */
export class LoadSample {
  private readonly times: number[] = [];
  private seconds = 0;
  /** Answers other than 2xx, errors and timeouts: printed with the figures, as they would skew them. */
  failed = 0;

  add(other: LoadSample): this {
    this.times.push(...other.times);
    this.seconds += other.seconds;
    this.failed += other.failed;
    return this;
  }

  record(ms: number): void {
    this.times.push(ms);
  }

  took(seconds: number): void {
    this.seconds += seconds;
  }

  get count(): number {
    return this.times.length;
  }

  get perSecond(): number {
    return this.times.length / this.seconds;
  }

  get p50(): number {
    return this.percentile(0.5);
  }

  get p99(): number {
    return this.percentile(0.99);
  }

  private percentile(q: number): number {
    const sorted = [...this.times].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  }
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body for every request (unique buyers). */
  body?: () => string;
  /** Requests a second over all connections; unset: as many as the server answers. */
  overallRate?: number;
}

/** Keeps `connections` requests in flight for `seconds`; counts what failed rather than stopping on it. */
export async function load(options: LoadOptions): Promise<LoadSample> {
  const { body } = options;
  const sample = new LoadSample();
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    overallRate: options.overallRate,
    requests: body ? [{ setupRequest: (request: object) => ({ ...request, body: body() }) }] : undefined,
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => sample.record(responseTime));
  const result = await instance;
  sample.took(Number(process.hrtime.bigint() - started) / 1e9);
  sample.failed = result.non2xx + result.errors + result.timeouts;
  return sample;
}
