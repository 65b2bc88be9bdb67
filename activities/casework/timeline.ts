import type { CaseType } from '../../workflows/domain/cases';

/**
 * One line of a case's history in the shape every case type shares, whichever table holds it (the released tables
 * keep their names and columns). Codes, amounts and ids only: no personal data.
 */
export interface TimelineEntry {
  caseType: CaseType;
  caseId: string;
  /** Unique within the case: the business key the line was written under. */
  key: string;
  action: string;
  /** The step the line belongs to, when the case type has steps on its lines. */
  step: string | null;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  reasonCode: string | null;
  /** The rules in force, when the case type records them on its lines. */
  policySnapshotId: string | null;
  data: Record<string, unknown> | null;
}

/** Oldest first; lines written in the same instant keep their order of writing (`order` is the table's sequence). */
export function inOrder(lines: readonly (TimelineEntry & { order: number })[]): TimelineEntry[] {
  return [...lines].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order).map(({ order: _order, ...line }) => line);
}
