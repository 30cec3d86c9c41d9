import { AddressInfo, createServer } from 'node:net';

/** A local port nothing listens on right now (for a server started next: the embedded database, a test's or bench's portal). Alias-free, as embedded-postgres.ts is. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
