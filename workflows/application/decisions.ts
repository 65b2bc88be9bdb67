import type { DeclaredDeductions } from '../programs/dibao/lifecycle';
import type { Role } from '../domain/roles';

/**
 * The structured decisions a person sends to an application workflow when completing a task. Free text (the written
 * reasons, findings) never travels here: it stays in the database row of the submission, referenced by id, so no
 * personal data reaches Temporal histories.
 */

/** Why a case was returned, rejected or closed; shown in the written notice (书面告知) with the stored text. */
export const REASON_CODES = [
  'incomplete_documents',
  'supplement_overdue',
  'not_resident',
  'income_above_standard',
  'assets_above_limit',
  'false_declaration',
  'appraisal_failed',
  'sampling_discrepancy',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface AssessedIncome {
  memberId: string;
  /** Assessed monthly income of the member, in fen. */
  monthlyIncomeFen: number;
}

export type StepDecision =
  | { step: 'supplement'; documents: readonly string[] }
  | { step: 'acceptance'; outcome: 'accept' }
  | { step: 'acceptance'; outcome: 'return'; reasonCode: ReasonCode }
  | {
      step: 'home_visit';
      recommendation: 'eligible' | 'ineligible';
      disputed: boolean;
      incomes: readonly AssessedIncome[];
      /** Declared rigid expenses and work costs (absent in decisions recorded before they were asked at the visit). */
      deductions?: DeclaredDeductions;
      reasonCode?: ReasonCode;
    }
  | {
      step: 'appraisal';
      outcome: 'pass' | 'fail';
      votesFor: number;
      votesAgainst: number;
      /** The panel (评议小组) and how many attended; absent in decisions recorded before quorum was checked. */
      panelSize?: number;
      present?: number;
    }
  | { step: 'township_review'; outcome: 'approve' }
  | { step: 'township_review'; outcome: 'reject'; reasonCode: ReasonCode }
  | { step: 'county_sampling'; outcome: 'confirmed' | 'discrepancy' }
  | { step: 'county_approval' | 'township_confirmation'; outcome: 'approve' }
  | { step: 'county_approval' | 'township_confirmation'; outcome: 'reject'; reasonCode: ReasonCode }
  | { step: 'filing'; outcome: 'acknowledged' }
  | { step: 'escalation'; outcome: 'noted' }
  | { step: 'escalation'; outcome: 'reassigned'; reassignTo: string };

export type DecisionStep = StepDecision['step'];

/** Who acts: an id and a role, never a name. */
export interface Actor {
  userId: string;
  role: Role;
}

/** The Update argument that completes a task. */
export interface CompleteTaskCommand {
  taskId: string;
  /** The stored submission (with the free-text reason) that this decision belongs to. */
  submissionId: string;
  actor: Actor;
  decision: StepDecision;
}

/** The Update argument that lodges an objection (异议) during a publicity period. */
export interface ObjectionCommand {
  /** The stored objection row (its text and objector stay in the database). */
  objectionId: string;
  actor: Actor;
}
