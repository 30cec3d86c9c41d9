import { Foundation1763900000000 } from './1763900000000-foundation';
import { AllocationAndCompliance1763900001000 } from './1763900001000-allocation-and-compliance';
import { AllocationFairness1763900002000 } from './1763900002000-allocation-fairness';
import { Sessions1763900004000 } from './1763900004000-sessions';
import { Notifications1763900005000 } from './1763900005000-notifications';
import { Reporting1763900006000 } from './1763900006000-reporting';
import { UserTokens1763900007000 } from './1763900007000-user-tokens';
import { EmailPreferences1763900008000 } from './1763900008000-email-preferences';
import { ReportSlaSummary1763900009000 } from './1763900009000-report-sla-summary';
import { SlaClocks1763900010000 } from './1763900010000-sla-clocks';
import { PartnerEmailRecipients1763900011000 } from './1763900011000-partner-email-recipients';
import { IdempotencyKeys1764000200000 } from './1764000200000-idempotency-keys';
import { SignInAttempts1764000201000 } from './1764000201000-sign-in-attempts';
import { OneTimeLinkEmails1764000202000 } from './1764000202000-one-time-link-emails';
import { OverrideStandingBefore1764000400000 } from './1764000400000-override-standing-before';
import { PartnerAroundTheClock1764000401000 } from './1764000401000-partner-around-the-clock';
import { PartnerPauses1764000500000 } from './1764000500000-partner-pauses';
import { WaitingLeads1764000501000 } from './1764000501000-waiting-leads';
import { UpdateCadence1764000502000 } from './1764000502000-update-cadence';
import { LeadOwners1764000600000 } from './1764000600000-lead-owners';
import { Webhooks1764000700000 } from './1764000700000-webhooks';
import { LeadsBySender1764000701000 } from './1764000701000-leads-by-sender';
import { NextStep1764000800000 } from './1764000800000-next-step';
import { HolidayCalendarsAndAudit1764105000000 } from './1764105000000-holiday-calendars-and-audit';

/** Every migration, in order. Listed explicitly so the built app never depends on globs. */
export const MIGRATIONS = [Foundation1763900000000, AllocationAndCompliance1763900001000, AllocationFairness1763900002000, Sessions1763900004000, Notifications1763900005000, Reporting1763900006000, UserTokens1763900007000, EmailPreferences1763900008000, ReportSlaSummary1763900009000, SlaClocks1763900010000, PartnerEmailRecipients1763900011000, IdempotencyKeys1764000200000, SignInAttempts1764000201000, OneTimeLinkEmails1764000202000, OverrideStandingBefore1764000400000, PartnerAroundTheClock1764000401000, PartnerPauses1764000500000, WaitingLeads1764000501000, UpdateCadence1764000502000, LeadOwners1764000600000, Webhooks1764000700000, LeadsBySender1764000701000, NextStep1764000800000, HolidayCalendarsAndAudit1764105000000];
