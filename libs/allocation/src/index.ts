export { AllocationHistoryService } from './allocation-history.service';
export { AllocationModule } from './allocation.module';
export { AllocationService } from './allocation.service';
export type { AllocationOutcome, MoveTarget } from './allocation.service';
export { moveTargetOf, ReassignLeadDto } from './dto/reassign-lead.dto';
export { FairnessDecayService } from './fairness-decay.service';
export { JOBS_ACTOR, PendingAllocationService } from './pending-allocation.service';
export { EXCLUSION_REASONS, describeReason } from './policy/reasons';
export type { ExclusionReason } from './policy/reasons';
