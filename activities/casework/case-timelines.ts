import type { EntityManager } from '@mikro-orm/core';
import type { CaseType } from '../../workflows/domain/cases';
import { readApplicationTimeline } from '../application/timeline';
import { readEmergencyTimeline } from '../emergency/emergency-timeline';
import { readRecipientTimeline } from '../recipients/lifecycle-timeline';
import type { TimelineEntry } from './timeline';

type TimelineReader = (em: EntityManager, caseId: string) => Promise<TimelineEntry[]>;

/** Where each case type keeps its history; a new case type must say (the record is exhaustive). */
const READERS: Record<CaseType, TimelineReader> = {
  application: readApplicationTimeline,
  emergency: readEmergencyTimeline,
  recipient: readRecipientTimeline,
  // A payment run's history is its batch and audit entries, not a timeline table.
  payment: () => Promise.resolve([]),
};

/** One timeline for every case type: the case's lines, oldest first, in the shared shape. */
export function caseTimeline(em: EntityManager, caseType: CaseType, caseId: string): Promise<TimelineEntry[]> {
  return READERS[caseType](em, caseId);
}
