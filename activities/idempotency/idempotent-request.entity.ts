import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { EncryptedJsonType } from '../security/encrypted-json.type';

export type IdempotentRequestState = 'pending' | 'done';

/**
 * A POST sent with an `Idempotency-Key` header: the first request claims (user, key) behind a unique constraint,
 * runs, and stores its answer; a retry with the same key gets that answer instead of running again. The request is
 * recognised by a digest of method, path and body, so the same key with a different request is refused. The answer
 * is encrypted at rest: some answers (a revealed field) hold personal data.
 */
@Entity({ tableName: 'idempotent_requests' })
@Unique({ properties: ['userId', 'key'] })
@Index({ name: 'idempotent_requests_claimed', properties: ['claimedAt', 'id'] })
export class IdempotentRequest {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  userId: string;

  /** The client's key, at most 255 characters. */
  @Property({ type: 'string', length: 255 })
  key: string;

  /** sha256 (hex) of method, path and body: the same key must name the same request. */
  @Property({ type: 'string', length: 64 })
  requestDigest: string;

  @Property({ type: 'string', length: 16 })
  state: IdempotentRequestState = 'pending';

  @Property({ type: 'integer', nullable: true })
  responseStatus: number | null = null;

  @Property({ type: EncryptedJsonType, columnType: 'text', nullable: true })
  responseBody: unknown = null;

  /** When the request was claimed (or taken over after its first attempt died). */
  @Property({ type: 'datetime' })
  claimedAt: Date;

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  constructor(init: Pick<IdempotentRequest, 'id' | 'userId' | 'key' | 'requestDigest' | 'claimedAt'>) {
    this.id = init.id;
    this.userId = init.userId;
    this.key = init.key;
    this.requestDigest = init.requestDigest;
    this.claimedAt = init.claimedAt;
  }
}
