import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type ReminderKind = 'due_soon' | 'overdue';

/**
 * A reminder to the caseworker holding a task that it is about to fall due (or has): shown in their console and, when
 * a message gateway is configured, sent as a message once. One per task, holder and kind (the unique key), so sweeps
 * by several workers, or again and again, remind nobody twice. Carries the case number and step, never a name.
 */
@Entity({ tableName: 'task_reminders' })
@Unique({ name: 'task_reminders_once', properties: ['taskId', 'userId', 'kind'] })
@Index({ name: 'task_reminders_mine', properties: ['userId', 'readAt', 'createdAt'] })
@Index({ name: 'task_reminders_unsent', properties: ['sentAt', 'createdAt'] })
export class TaskReminder {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 120 })
  taskId: string;

  @Property({ type: 'string', length: 36 })
  userId: string;

  @Property({ type: 'string', length: 12 })
  kind: ReminderKind;

  @Property({ type: 'string', length: 40 })
  caseNo: string;

  @Property({ type: 'string', length: 32 })
  step: string;

  @Property({ type: 'datetime' })
  dueAt: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  readAt: Date | null = null;

  /** When the message gateway took it; null while unsent (or when no gateway is configured). */
  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  constructor(init: Pick<TaskReminder, 'id' | 'taskId' | 'userId' | 'kind' | 'caseNo' | 'step' | 'dueAt'>) {
    this.id = init.id;
    this.taskId = init.taskId;
    this.userId = init.userId;
    this.kind = init.kind;
    this.caseNo = init.caseNo;
    this.step = init.step;
    this.dueAt = init.dueAt;
  }
}
