/**
 * 民主评议 by the villagers' representatives: the meeting counts only with a quorum of the panel present, and an
 * applicant passes with more than half of those present voting for (过半数, strict). The national default follows
 * 村民委员会组织法 for representatives' meetings: two thirds of the panel present.
 */

export interface AppraisalRule {
  /** The quorum as a fraction of the panel: present × denominator ≥ numerator × panel. */
  quorum: { numerator: number; denominator: number };
  /** What a failed appraisal does: back to investigation once, or on to the review with a rejection recommended. */
  onFail: 'reinvestigate' | 'recommend_rejection';
}

export const DEFAULT_APPRAISAL_RULE: AppraisalRule = { quorum: { numerator: 2, denominator: 3 }, onFail: 'reinvestigate' };

export interface AppraisalRecord {
  panelSize: number;
  present: number;
  votesFor: number;
  votesAgainst: number;
}

export type AppraisalCheck = { valid: true; outcome: 'pass' | 'fail' } | { valid: false; problem: 'counts' | 'quorum' };

/** Whether a meeting's record holds together and meets the quorum, and the outcome its votes give. */
export function checkAppraisal(record: AppraisalRecord, rule: AppraisalRule = DEFAULT_APPRAISAL_RULE): AppraisalCheck {
  const { panelSize, present, votesFor, votesAgainst } = record;
  if (present > panelSize || votesFor + votesAgainst > present) return { valid: false, problem: 'counts' };
  if (present * rule.quorum.denominator < rule.quorum.numerator * panelSize) return { valid: false, problem: 'quorum' };
  return { valid: true, outcome: votesFor * 2 > present ? 'pass' : 'fail' };
}
