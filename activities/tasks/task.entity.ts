import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { CaseType } from '../../workflows/domain/cases';
import type { Role } from '../../workflows/domain/roles';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/**
 * A human step's code. Each case type names its own steps (its workflow definitions, its decisions in the API's
 * case-task handler); codes are unique across case types, so a row's step alone says which decision it takes.
 */
export type InboxStep = string;

/** Inbox order: emergencies, then escalations (督办), then routine work. */
export const TASK_RANK = { emergency: 0, escalation: 1, routine: 2 } as const;

export const SCOPE_COLUMNS = ['scopeProvince', 'scopeCity', 'scopeCounty', 'scopeTownship', 'scopeVillage'] as const;
export type ScopeColumn = (typeof SCOPE_COLUMNS)[number];

/** The region code of each level along a materialized path ("" below the path's own level). */
export function scopeOf(regionPath: string): [string, string, string, string, string] {
  const codes = regionPath.split('/').filter(Boolean);
  return [0, 1, 2, 3, 4].map((i) => codes[i] ?? '') as [string, string, string, string, string];
}

/** The equality that selects a region's subtree: the column of its level, equal to its code. */
export function subtreeOf(regionPath: string): { column: ScopeColumn; code: string } {
  const codes = regionPath.split('/').filter(Boolean);
  if (codes.length === 0 || codes.length > SCOPE_COLUMNS.length) throw new RangeError(`not a region path: ${regionPath}`);
  return { column: SCOPE_COLUMNS[codes.length - 1], code: codes[codes.length - 1] };
}

/**
 * An inbox row: one per human step of a case (an application, a recipient household's re-review, an emergency
 * request), keyed by the workflow's task id.
 *
 * The inbox asks for "open tasks of my role in my region subtree, most urgent first, then oldest due". The subtree
 * is an equality on the column of the caller's level (the region codes of every level are copied onto the row), so
 * each level has one index that both filters and sorts: a page is an index range read at a million open rows, in
 * any database collation, and the capped total is counted from the same index without reading rows.
 */
@Entity({ tableName: 'tasks' })
@Index({ name: 'tasks_inbox_all', properties: ['role', 'status', 'rank', 'dueAt', 'id'] })
@Index({ name: 'tasks_inbox_province', properties: ['role', 'status', 'scopeProvince', 'rank', 'dueAt', 'id'] })
@Index({ name: 'tasks_inbox_city', properties: ['role', 'status', 'scopeCity', 'rank', 'dueAt', 'id'] })
@Index({ name: 'tasks_inbox_county', properties: ['role', 'status', 'scopeCounty', 'rank', 'dueAt', 'id'] })
@Index({ name: 'tasks_inbox_township', properties: ['role', 'status', 'scopeTownship', 'rank', 'dueAt', 'id'] })
@Index({ name: 'tasks_inbox_village', properties: ['role', 'status', 'scopeVillage', 'rank', 'dueAt', 'id'] })
@Index({ name: 'tasks_assignee', properties: ['assigneeId', 'status'] })
@Index({ name: 'tasks_open_due', properties: ['status', 'dueAt', 'id'] })
/** Statistics (dashboards, 汇总表): open work by step per level, counted from the index alone; closed work by month. */
@Index({ name: 'tasks_stats_province', properties: ['scopeProvince', 'status', 'step', 'caseType', 'overdue', 'dueAt'] })
@Index({ name: 'tasks_stats_city', properties: ['scopeCity', 'status', 'step', 'caseType', 'overdue', 'dueAt'] })
@Index({ name: 'tasks_stats_county', properties: ['scopeCounty', 'status', 'step', 'caseType', 'overdue', 'dueAt'] })
@Index({ name: 'tasks_stats_township', properties: ['scopeTownship', 'status', 'step', 'caseType', 'overdue', 'dueAt'] })
@Index({ name: 'tasks_stats_closed', properties: ['closedAt', 'caseType'] })
export class Task {
  /** Fixed by the case's workflow (for applications `<applicationId>:<step>:<round>`): stable across retries. */
  @PrimaryKey({ type: 'string', length: 120 })
  id: string;

  /** Which kind of case (and so which workflow) the task belongs to. */
  @Property({ type: 'string', length: 16, defaultRaw: "'application'" })
  caseType: CaseType;

  /** The application id, recipient household id, emergency request id or payment batch id. */
  @Index()
  @Property({ type: 'string', length: 36 })
  caseId: string;

  @Property({ type: 'string', length: 40 })
  caseNo: string;

  @Property({ type: 'string', length: 32 })
  step: InboxStep;

  @Property({ type: 'string', length: 32 })
  role: Role;

  @Property({ type: 'string', length: 120, nullable: true })
  escalationOf: string | null;

  @Property({ type: 'integer' })
  round: number;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 12 })
  scopeProvince: string;

  @Property({ type: 'string', length: 12 })
  scopeCity: string;

  @Property({ type: 'string', length: 12 })
  scopeCounty: string;

  @Property({ type: 'string', length: 12 })
  scopeTownship: string;

  @Property({ type: 'string', length: 12 })
  scopeVillage: string;

  @Property({ type: 'string', length: 12 })
  status: TaskStatus = 'open';

  /** Sort rank, lowest first: 0 emergency, 1 escalation, 2 routine work (see TASK_RANK). */
  @Property({ type: 'smallint' })
  rank: number;

  @Property({ type: 'string', length: 36, nullable: true })
  assigneeId: string | null = null;

  @Property({ type: 'datetime' })
  dueAt: Date;

  /** Shown beside the due time when it was computed over an unpublished holiday year. */
  @Property({ type: 'string', length: 255, nullable: true })
  dueWarning: string | null;

  @Property({ type: 'boolean' })
  overdue = false;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  closedById: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  submissionId: string | null = null;

  constructor(init: Pick<Task, 'id' | 'caseType' | 'caseId' | 'caseNo' | 'step' | 'role' | 'escalationOf' | 'round' | 'regionCode' | 'regionPath' | 'rank' | 'dueAt' | 'dueWarning' | 'createdAt'>) {
    this.id = init.id;
    this.caseType = init.caseType;
    this.caseId = init.caseId;
    this.caseNo = init.caseNo;
    this.step = init.step;
    this.role = init.role;
    this.escalationOf = init.escalationOf;
    this.round = init.round;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    [this.scopeProvince, this.scopeCity, this.scopeCounty, this.scopeTownship, this.scopeVillage] = scopeOf(init.regionPath);
    this.rank = init.rank;
    this.dueAt = init.dueAt;
    this.dueWarning = init.dueWarning;
    this.createdAt = init.createdAt;
  }
}
