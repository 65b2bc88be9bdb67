/**
 * A handler's due-soon test written as a condition a database count can apply: an open, not overdue task of the
 * handler's case type is at risk when it is due before `before` (and, when given, has one of `steps`, none of
 * `notSteps`, or belongs to a case decided under one of `policySnapshotIds`). The inbox summary counts these rows
 * with GROUP BY instead of loading them; the list's per-row flags and these rules come from the same thresholds.
 */
export interface AtRiskRule {
  before: Date;
  steps?: readonly string[];
  notSteps?: readonly string[];
  policySnapshotIds?: readonly string[];
}

export { workingDaysCutoff } from '../../../workflows/domain/calendar';
