import { AppConfig } from '@leadgate/config';
import { PolicyConfig } from './policy';

export function policyConfigFrom(config: AppConfig): PolicyConfig {
  return {
    warningWeightFactor: config.env.ALLOCATION_WARNING_WEIGHT_FACTOR,
    requireSpecialtyMatch: config.env.ALLOCATION_REQUIRE_SPECIALTY,
  };
}
