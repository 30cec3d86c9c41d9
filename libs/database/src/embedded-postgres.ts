// An in-process PostgreSQL (PGlite) behind a local socket, so `npm start` needs no database server.
import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export class EmbeddedPostgres {
  private readonly logger = new Logger('EmbeddedPostgres');
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private url?: string;

  constructor(private readonly dataDir: string) {}

  /** Starts once and returns a postgres:// URL that ordinary pg clients can use. */
  async start(): Promise<string> {
    if (this.url) return this.url;
    // Loaded lazily: these packages are only needed without DATABASE_URL.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const dir = resolve(this.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    this.db = await PGlite.create(dir);
    // The socket server runs one query at a time and holds other connections back while one
    // has a transaction open, so transactions never interleave.
    this.server = new PGLiteSocketServer({ db: this.db, host: '127.0.0.1', port: 0, maxConnections: 16 });
    await this.server.start();
    this.url = `postgres://postgres@${this.server.getServerConn()}/postgres`;
    this.logger.log(`Embedded PostgreSQL (PGlite) at ${dir}, listening on ${this.server.getServerConn()}`);
    return this.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.db?.close();
    this.server = undefined;
    this.db = undefined;
    this.url = undefined;
  }
}
