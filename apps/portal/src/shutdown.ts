// Graceful stop: on SIGTERM (or app.close()) every connection finishes its request and closes, within a bound.
import { INestApplication } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { stoppedAccepting } from './cluster';

/**
 * Replaces Nest's HTTP close, which would wait forever on a keep-alive client that keeps sending. From
 * the moment it is called the server stops accepting connections; once no process of the portal
 * accepts any (see cluster.ts), each response says
 * `Connection: close` (so the client reconnects elsewhere) and the connection closes after it; a
 * connection left idle closes at its keep-alive timeout, and after `drainSeconds` whatever is left is
 * cut. Idle connections are deliberately not closed at once (as http.Server.close() would): one closed
 * just as its client sends the next request on it resets that request. The process then exits 0
 * rather than re-raising the signal, so a supervisor sees a clean stop.
 */
export function enableGracefulShutdown(app: INestApplication, drainSeconds: number): void {
  const server: Server = app.getHttpServer();
  let draining = false;
  server.prependListener('request', (_request, response: ServerResponse) => {
    if (draining) response.setHeader('Connection', 'close');
  });
  app.getHttpAdapter().close = () =>
    new Promise<void>((resolve) => {
      const deadline = setTimeout(() => server.closeAllConnections(), drainSeconds * 1000).unref();
      // net's close: stop listening, call back once the last connection has ended.
      NetServer.prototype.close.call(server, () => {
        clearTimeout(deadline);
        resolve();
      });
      // Clients are told to reconnect only once no process of the portal accepts them any more.
      void stoppedAccepting().then(() => (draining = true));
    });
  app.enableShutdownHooks([], { useProcessExit: true });
}
