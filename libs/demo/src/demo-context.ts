// The demo's own Nest application context: the real lead services on the host's database, on a manual clock.
import { DynamicModule, Global, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import { AllocationOutcome, AllocationService } from '@leadgate/allocation';
import { Clock, ManualClock } from '@leadgate/common';
import { ComplianceModule } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { PreparedStatements, REPORTS_DATA_SOURCE } from '@leadgate/database';
import { FollowUpModule } from '@leadgate/follow-up';
import { IntakeModule } from '@leadgate/intake';
import { CapacityRepository, WaitingLeadsSignal } from '@leadgate/lifecycle';
import { NotificationsService } from '@leadgate/notifications';
import { ReportingModule } from '@leadgate/reporting';
import { WebhookOutboxModule } from '@leadgate/webhooks';

/** Whoever runs the demo (the portal or the CLI): its services are looked up by type. */
export interface DemoHost {
  get<T>(type: Type<T> | string | symbol, options?: { strict?: boolean }): T;
}

const fromHost = <T>(host: DemoHost, type: Type<T> | string | symbol): T => host.get(type, { strict: false });

@Global()
@Module({})
class DemoHostModule {
  /** The host's database connection and configuration, and the demo's clock in place of the system one. */
  static from(host: DemoHost, clock: ManualClock): DynamicModule {
    const dataSource = fromHost(host, DataSource);
    const shared = [
      { provide: DataSource, useValue: dataSource },
      { provide: EntityManager, useValue: dataSource.manager },
      // The story only writes; the reports it rolls up are read by the host.
      { provide: REPORTS_DATA_SOURCE, useValue: dataSource },
      { provide: AppConfig, useValue: fromHost(host, AppConfig) },
      { provide: PreparedStatements, useValue: fromHost(host, PreparedStatements) },
      { provide: Clock, useValue: clock },
    ];
    return { module: DemoHostModule, providers: shared, exports: shared.map((p) => p.provide) };
  }
}

export interface DemoContext {
  app: INestApplicationContext;
  clock: ManualClock;
  /** While held, allocation offers nothing: leads received, declined or recalled meanwhile wait for the allocation job. */
  holdAllocation(held: boolean): void;
}

/**
 * Starts the context. Not the host's modules: only the lead services with what they need, so no
 * scheduler, strategy or middleware of the demo's runs next to the host's. The history is not mailed:
 * today's demo never queued an email, and 90 days of notifications to made-up addresses help nobody.
 */
export async function createDemoContext(host: DemoHost, start: Date): Promise<DemoContext> {
  const clock = new ManualClock(start);
  @Module({ imports: [DemoHostModule.from(host, clock), WebhookOutboxModule, IntakeModule, FollowUpModule, ComplianceModule, ReportingModule] })
  class DemoStoryModule {}
  const app = await NestFactory.createApplicationContext(DemoStoryModule, { abortOnError: false });

  const notifications = app.get(NotificationsService);
  notifications.enqueue = async () => 0;
  // Retries of waiting leads run in the background after an event; beside the story's manual clock they
  // would make the demo differ from run to run, so the story's own steps are all that allocates.
  app.get(WaitingLeadsSignal).changed = () => undefined;

  // The demo's one stand-in for a real service: nothing else leaves a lead new, declined or recalled,
  // as intake, a decline and the sweep each allocate at once (intake through allocateMany, the others through
  // allocateInTransaction). While held, allocation skips (as it does for a lead no longer pending), so such
  // leads wait for the worker's allocation job, as after an outage.
  let held = false;
  const allocation = app.get(AllocationService);
  const allocate = allocation.allocateInTransaction.bind(allocation);
  const capacity = app.get(CapacityRepository);
  allocation.allocateInTransaction = async (manager: EntityManager, leadId: string, actor: string, releasing: string[] = []): Promise<AllocationOutcome> => {
    if (!held) return allocate(manager, leadId, actor, releasing);
    // A decline's freed slot is released by the allocation it hands over to.
    await capacity.release(manager, releasing);
    return { kind: 'skipped', leadId, reason: 'allocation held by the demo' };
  };
  // New leads from intake are allocated together (NewLeadAllocator): held the same way.
  const allocateMany = allocation.allocateMany.bind(allocation);
  allocation.allocateMany = async (leadIds: string[], actor?: string): Promise<AllocationOutcome[]> =>
    held ? leadIds.map((leadId) => ({ kind: 'skipped', leadId, reason: 'allocation held by the demo' })) : allocateMany(leadIds, actor);

  return { app, clock, holdAllocation: (value) => void (held = value) };
}
