import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '@leadgate/config';

declare module 'express-session' {
  interface SessionData {
    /** The only thing a session knows about its user; role and partner are loaded per request. */
    userId?: string;
  }
}

export const SESSION_COOKIE = 'leadgate.sid';

/** Browser sessions in PostgreSQL (table `session`), sharing the app's connection pool. */
@Injectable()
export class SessionMiddleware implements OnApplicationShutdown {
  private store?: connectPgSimple.PGStore;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  handler(): RequestHandler {
    const PgStore = connectPgSimple(session);
    const ttlMs = this.config.env.SESSION_TTL_HOURS * 3_600_000;
    // The TypeORM pool, so sessions need no second pool of connections.
    this.store = new PgStore({ pool: (this.dataSource.driver as PostgresDriver).master, tableName: 'session', createTableIfMissing: false });
    return session({
      name: SESSION_COOKIE,
      secret: this.config.serverSecret,
      store: this.store,
      resave: false,
      saveUninitialized: false,
      // Secure whenever the request arrived over HTTPS (behind a proxy via `trust proxy`).
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: ttlMs },
    });
  }

  onApplicationShutdown(): void {
    // Stops the store's prune timer; the pool itself belongs to TypeORM.
    void this.store?.close();
  }
}

/** Signs the user in on a fresh session id, so an id planted before sign-in is worthless afterwards. */
export async function startUserSession(req: Request, userId: string): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
  req.session.userId = userId;
  await new Promise<void>((resolve, reject) => req.session.save((error: unknown) => (error ? reject(error) : resolve())));
}

/** Deletes the session from the store, so its cookie stops working even if it was copied. */
export async function endSession(req: Request): Promise<void> {
  if (!req.session) return;
  await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(error) : resolve())));
}
