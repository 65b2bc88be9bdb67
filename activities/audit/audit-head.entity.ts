import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The head of one audit chain: its last link and hash. Every append updates its chain's row in the same transaction
 * with an optimistic check on `seq`, which serializes appends to one chain (PostgreSQL row lock, SQLite write lock)
 * while appends to other chains go on. The chain written before chains were split is `legacy` (the old one-row head).
 */
@Entity({ tableName: 'audit_head' })
export class AuditHead {
  @PrimaryKey({ type: 'string', length: 12 })
  chain: string;

  /** The last link of the chain (0 before its first entry). */
  @Property({ type: 'integer' })
  seq: number;

  @Property({ type: 'string', length: 64 })
  hash: string;

  constructor(init: { chain: string; seq: number; hash: string }) {
    this.chain = init.chain;
    this.seq = init.seq;
    this.hash = init.hash;
  }
}
