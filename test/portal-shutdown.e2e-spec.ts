// Fault injection with a real portal process: SIGTERM while a keep-alive client keeps sending.
import { Agent, get } from 'node:http';
import { freePort } from '@leadgate/database';
import { AppProcess, startApp, stopAll } from './support/processes';
import { freshDatabaseUrl } from './support/test-app';

describe('portal shutdown under keep-alive load', () => {
  let portal: AppProcess | undefined;
  afterEach(() => stopAll(portal ? [portal] : []));

  // Two processes: the cluster's primary holds the port, so the workers must stop accepting together.
  it.each(['1', '2'])('drains keep-alive connections on SIGTERM (WEB_CONCURRENCY=%s): no request cut, Connection: close, exit 0 within the drain time', async (processes) => {
    const port = await freePort();
    const env = { DATABASE_URL: await freshDatabaseUrl(), PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DRAIN_SECONDS: '5', WEB_CONCURRENCY: processes };
    portal = startApp('portal', env);
    await portal.waitFor(new RegExp(`(LeadGate portal:[^]*){${processes}}`), 90_000);

    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const tally = { ok: 0, closing: 0, refused: 0, cut: [] as string[] };
    let stopped = false;
    // Four clients, each sending its next request the moment the last one is answered, until the port is gone.
    const client = async () => {
      while (!stopped) {
        const outcome = await once(agent, port);
        if (outcome === 'refused') tally.refused++;
        else if (outcome === 'ok' || outcome === 'closing') tally[outcome]++;
        else tally.cut.push(outcome);
        if (outcome === 'refused') return;
      }
    };
    const clients = Promise.all([client(), client(), client(), client()]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const okBefore = tally.ok;
    const signalled = Date.now();
    portal.child.kill('SIGTERM');

    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([portal.exited, new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 15_000)))]);
    clearTimeout(timer);
    stopped = true;
    await clients;
    agent.destroy();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(okBefore).toBeGreaterThan(0);
    expect(tally.closing).toBeGreaterThan(0);
    expect(tally.cut).toEqual([]);
  }, 120_000);
});

/** One GET over the keep-alive agent: answered (and whether the server said it closes), refused, or cut mid-request. */
function once(agent: Agent, port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/api/v1/lead-types', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.headers.connection === 'close' ? 'closing' : 'ok'));
      res.on('error', (error) => resolve(`response cut: ${error.message}`));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : `request cut: ${error.code ?? error.message}`));
  });
}
