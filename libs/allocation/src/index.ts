export type { AllocationDecision, RecordedCandidates } from '@leadgate/lifecycle';
export { AllocationHistoryService } from './allocation-history.service';
export { AllocationModule } from './allocation.module';
export { AllocationService } from './allocation.service';
export type { AllocationOutcome } from './allocation.service';
export { FairnessDecayService } from './fairness-decay.service';
export { PendingAllocationService } from './pending-allocation.service';
export * from './policy';
