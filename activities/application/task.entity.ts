import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { TaskStep } from '../../workflows/domain/route';
import type { Role } from '../../workflows/domain/roles';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/**
 * An inbox row: one per human step of a case, keyed by the workflow's task id. The inbox query filters on role,
 * status and region subtree and sorts urgent first, then oldest due; both indexes serve it at a million open rows.
 */
@Entity({ tableName: 'tasks' })
@Index({ name: 'tasks_inbox_due', properties: ['role', 'status', 'priority', 'dueAt'] })
@Index({ name: 'tasks_inbox_region', properties: ['role', 'status', 'regionPath', 'dueAt'] })
@Index({ name: 'tasks_assignee', properties: ['assigneeId', 'status'] })
export class Task {
  /** `<applicationId>:<step>:<round>` (or an escalation suffix): stable across retries. */
  @PrimaryKey({ type: 'string', length: 120 })
  id: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 40 })
  caseNo: string;

  @Property({ type: 'string', length: 32 })
  step: TaskStep;

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
  status: TaskStatus = 'open';

  /** Higher sorts first: urgent work (emergencies, escalations) before routine work. */
  @Property({ type: 'integer' })
  priority: number;

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

  constructor(init: Pick<Task, 'id' | 'applicationId' | 'caseNo' | 'step' | 'role' | 'escalationOf' | 'round' | 'regionCode' | 'regionPath' | 'priority' | 'dueAt' | 'dueWarning' | 'createdAt'>) {
    this.id = init.id;
    this.applicationId = init.applicationId;
    this.caseNo = init.caseNo;
    this.step = init.step;
    this.role = init.role;
    this.escalationOf = init.escalationOf;
    this.round = init.round;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.priority = init.priority;
    this.dueAt = init.dueAt;
    this.dueWarning = init.dueWarning;
    this.createdAt = init.createdAt;
  }
}
