import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../../workflows/domain/roles';

/**
 * What a person submitted to complete a task: the structured decision plus the free-text reason and findings.
 * Kept whether the workflow accepted it or not (步步有痕迹): a refused attempt is part of the trace too.
 */
@Entity({ tableName: 'submissions' })
export class Submission {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Index()
  @Property({ type: 'string', length: 120 })
  taskId: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 36 })
  actorId: string;

  @Property({ type: 'string', length: 32 })
  actorRole: Role;

  /** The decision as submitted, including `reason` text. */
  @Property({ type: 'json' })
  payload: Record<string, unknown>;

  @Property({ type: 'string', length: 12 })
  status: 'pending' | 'accepted' | 'refused' = 'pending';

  @Property({ type: 'string', length: 255, nullable: true })
  refusal: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  constructor(init: Pick<Submission, 'id' | 'taskId' | 'applicationId' | 'actorId' | 'actorRole' | 'payload'>) {
    this.id = init.id;
    this.taskId = init.taskId;
    this.applicationId = init.applicationId;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.payload = init.payload;
  }
}
