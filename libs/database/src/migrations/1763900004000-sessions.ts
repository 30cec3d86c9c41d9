import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions, in the table layout connect-pg-simple reads and writes. */
export class Sessions1763900004000 implements MigrationInterface {
  name = 'Sessions1763900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE session (sid varchar NOT NULL PRIMARY KEY, sess json NOT NULL, expire timestamptz(6) NOT NULL)`);
    // The store prunes expired sessions with `DELETE ... WHERE expire < now()`.
    await q.query(`CREATE INDEX session_expire_idx ON session (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session`);
  }
}
