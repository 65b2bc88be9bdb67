import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The one-row head of the audit chain (id 1): the last seq and hash. Every append updates it in the same transaction
 * with an optimistic check on `seq`, which serializes appends on PostgreSQL (row lock) and SQLite (write lock) alike.
 */
@Entity({ tableName: 'audit_head' })
export class AuditHead {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number;

  @Property({ type: 'integer' })
  seq: number;

  @Property({ type: 'string', length: 64 })
  hash: string;

  constructor(init: { id: number; seq: number; hash: string }) {
    this.id = init.id;
    this.seq = init.seq;
    this.hash = init.hash;
  }
}
