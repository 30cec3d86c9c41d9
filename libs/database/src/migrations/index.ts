import { Foundation1763900000000 } from './1763900000000-foundation';
import { AllocationAndCompliance1763900001000 } from './1763900001000-allocation-and-compliance';
import { AllocationFairness1763900002000 } from './1763900002000-allocation-fairness';

/** Every migration, in order. Listed explicitly so the built app never depends on globs. */
export const MIGRATIONS = [Foundation1763900000000, AllocationAndCompliance1763900001000, AllocationFairness1763900002000];
