import { Foundation1763900000000 } from './1763900000000-foundation';
import { AllocationAndCompliance1763900001000 } from './1763900001000-allocation-and-compliance';

/** Every migration, in order. Listed explicitly so the built app never depends on globs. */
export const MIGRATIONS = [Foundation1763900000000, AllocationAndCompliance1763900001000];
