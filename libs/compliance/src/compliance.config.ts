import { AppConfig } from '@leadgate/config';
import { ComplianceConfig } from './policy';

/** The compliance thresholds from configuration, in the shape the pure policy takes. */
export function complianceConfigFrom(config: AppConfig): ComplianceConfig {
  return {
    windowDays: config.env.COMPLIANCE_WINDOW_DAYS,
    warningBelow: config.env.COMPLIANCE_WARNING_BELOW,
    suspendBelow: config.env.COMPLIANCE_SUSPEND_BELOW,
    suspendOpenBreaches: config.env.COMPLIANCE_SUSPEND_OPEN_BREACHES,
    breachGraceHours: config.env.COMPLIANCE_BREACH_GRACE_HOURS,
    minClocksForScore: config.env.COMPLIANCE_MIN_CLOCKS,
    updateWeight: config.env.UPDATE_CLOCK_WEIGHT,
  };
}
