import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { DATABASE_MODE, DatabaseMode } from '@leadgate/database';
import { ComplianceModule, ComplianceService } from '@leadgate/compliance';
import { ReportingModule, ReportRollupService } from '@leadgate/reporting';
import { DEMO_USERS } from './data/demo-users';
import { formatDemoLogins } from './demo-logins';
import { seedDemoData } from './demo-seeder';

/**
 * On the embedded database only: seeds the demo data set into an empty database and prints the
 * demo logins. A server given by DATABASE_URL is never seeded here (see `npm run seed:demo`).
 */
@Injectable()
export class DemoBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_MODE) private readonly mode: DatabaseMode,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly compliance: ComplianceService,
    private readonly rollup: ReportRollupService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.mode.embedded) return;
    let intakeToken: string | undefined;
    if (this.config.env.DEMO_SEED) {
      const started = Date.now();
      const seeded = await seedDemoData(this.dataSource, this.clock.now());
      if (seeded) {
        intakeToken = seeded.intakeToken;
        this.logger.log(`Seeded demo data: ${seeded.partners} partners, ${seeded.leadTypes} lead types, ${seeded.campaigns} campaigns, ${seeded.leads} leads in ${Date.now() - started} ms`);
        // What the scheduled jobs would do within minutes, done now: standings follow the scores the
        // demo's leads give, and the dashboards show their figures.
        await this.compliance.recompute();
        await this.rollup.run();
      }
    }
    const users = await this.existingDemoUsers();
    if (users.length > 0) console.log(formatDemoLogins(users, this.config.publicUrl, intakeToken));
  }

  /** The demo users still present: someone may have removed them, and their logins would not work. */
  private async existingDemoUsers() {
    const rows: { email: string }[] = await this.dataSource.query('SELECT email FROM users WHERE email = ANY($1) AND active', [DEMO_USERS.map((u) => u.email)]);
    const present = new Set(rows.map((r) => r.email));
    return DEMO_USERS.filter((u) => present.has(u.email));
  }
}

@Module({ imports: [ComplianceModule, ReportingModule], providers: [DemoBootstrap] })
export class DemoModule {}
