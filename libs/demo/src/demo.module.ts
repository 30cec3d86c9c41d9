import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { UsersModule, UsersService } from '@leadgate/users';
import { DEMO_USERS, DemoUser } from './data/demo-users';
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
    private readonly moduleRef: ModuleRef,
    private readonly clock: Clock,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.embedded) return;
    let intakeToken: string | undefined;
    if (this.config.env.DEMO_SEED) {
      const started = Date.now();
      const seeded = await seedDemoData(this.moduleRef, this.clock.now());
      if (seeded) {
        intakeToken = seeded.intakeToken;
        this.logger.log(`Seeded demo data: ${seeded.partners} partners, ${seeded.leadTypes} lead types, ${seeded.campaigns} campaigns, ${seeded.leads} leads in ${Date.now() - started} ms`);
      }
    }
    const users = await this.existingDemoUsers();
    if (users.length > 0) console.log(formatDemoLogins(users, this.config.publicUrl, intakeToken));
  }

  /** The demo users still present: someone may have removed them, and their logins would not work. */
  private async existingDemoUsers(): Promise<DemoUser[]> {
    const active = await this.users.activeEmailsAmong(DEMO_USERS.map((u) => u.email));
    return DEMO_USERS.filter((u) => active.has(u.email));
  }
}

@Module({ imports: [UsersModule], providers: [DemoBootstrap] })
export class DemoModule {}
