// Graceful stop: on SIGTERM (or app.close()) every connection finishes its request and closes, within a bound.
import { INestApplication } from '@nestjs/common';
import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';

/**
 * Replaces Nest's HTTP close, which would wait forever on a keep-alive client that keeps sending. From
 * the moment it is called the server stops accepting connections, each response says
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
      draining = true;
      const deadline = setTimeout(() => server.closeAllConnections(), drainSeconds * 1000).unref();
      // net's close: stop listening, call back once the last connection has ended.
      NetServer.prototype.close.call(server, () => {
        clearTimeout(deadline);
        resolve();
      });
    });
  app.enableShutdownHooks([], { useProcessExit: true });
}
