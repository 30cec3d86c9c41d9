import type { FieldProblem } from '@leadgate/common';
import type { Lead } from '@leadgate/lifecycle';

export const MAX_BULK_LEADS = 1000;

export type IntakeOutcome = 'created' | 'idempotent_replay' | 'duplicate';
export const INTAKE_ITEM_OUTCOMES = ['created', 'idempotent_replay', 'duplicate', 'rejected'] as const;
export type IntakeItemOutcome = (typeof INTAKE_ITEM_OUTCOMES)[number];

export interface IntakeContext {
  /** Retries with the same key return the lead the first request created. */
  idempotencyKey?: string;
  /** Who sent the lead, as recorded in the timeline's actor column ("token:<id>", "cli:import"). */
  actor: string;
  /** Who sent it, in words for the timeline's summary ('API token "Marketing automation"', "CSV import"). */
  source: string;
}

export interface IntakeResult {
  lead: Lead;
  outcome: IntakeOutcome;
}

export interface IntakeItemResult {
  index: number;
  outcome: IntakeItemOutcome;
  leadId?: string;
  errors?: FieldProblem[];
}

export interface IntakeManyResult {
  results: IntakeItemResult[];
  created: number;
  duplicates: number;
  rejected: number;
}
