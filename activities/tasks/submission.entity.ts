import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { CaseType } from '../../workflows/domain/cases';
import { EncryptedJsonType } from '../security/encrypted-json.type';
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

  @Property({ type: 'string', length: 16, defaultRaw: "'application'" })
  caseType: CaseType;

  /** The application id, recipient household id or emergency request id. */
  @Index()
  @Property({ type: 'string', length: 36 })
  caseId: string;

  @Property({ type: 'string', length: 36 })
  actorId: string;

  @Property({ type: 'string', length: 32 })
  actorRole: Role;

  /** AB岗: the absent colleague whose claimed task the actor decided in their place. */
  @Property({ type: 'string', length: 36, nullable: true })
  actingForId: string | null = null;

  /** The decision as submitted, including `reason` text: stored encrypted, since free text can carry personal details. */
  @Property({ type: EncryptedJsonType, columnType: 'text' })
  payload: Record<string, unknown>;

  @Property({ type: 'string', length: 12 })
  status: 'pending' | 'accepted' | 'refused' = 'pending';

  @Property({ type: 'string', length: 255, nullable: true })
  refusal: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  constructor(init: Pick<Submission, 'id' | 'taskId' | 'caseType' | 'caseId' | 'actorId' | 'actorRole' | 'payload'>) {
    this.id = init.id;
    this.taskId = init.taskId;
    this.caseType = init.caseType;
    this.caseId = init.caseId;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.payload = init.payload;
  }
}
