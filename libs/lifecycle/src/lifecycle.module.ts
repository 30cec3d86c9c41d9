import { Module } from '@nestjs/common';
import { AssignmentsRepository } from './assignments.repository';
import { BreachesRepository } from './breaches.repository';
import { CapacityRepository } from './capacity.repository';
import { DecisionsRepository } from './decisions.repository';
import { LeadsRepository } from './leads.repository';
import { OwnersRepository } from './owners.repository';
import { PartnerScopeRepository } from './partner-scope.repository';
import { RegisteredLeadsRepository } from './registered-leads.repository';
import { TimelineRepository } from './timeline.repository';
import { UpdateClocksRepository } from './update-clocks.repository';
import { WaitingLeadsSignal } from './waiting-leads.signal';

const REPOSITORIES = [
  AssignmentsRepository, BreachesRepository, CapacityRepository, DecisionsRepository, LeadsRepository, OwnersRepository, PartnerScopeRepository, TimelineRepository, UpdateClocksRepository,
  RegisteredLeadsRepository,
  WaitingLeadsSignal,
];

/** The lead lifecycle's data: leads, assignments, the timeline, decisions, breaches and the capacity counter. */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class LifecycleModule {}
