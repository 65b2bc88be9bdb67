import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A recorded head of one audit chain (its chain, last link `seq` and hash at `anchoredAt`). Append-only. An anchor lets verification
 * detect that the newest entries were removed, which the chain alone cannot show. In production every anchor must
 * also be copied where the database administrators cannot write (see AuditLog.anchor).
 */
@Entity({ tableName: 'audit_anchors' })
export class AuditAnchor {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 12, default: 'legacy' })
  chain: string;

  /** The chain's last link when anchored. */
  @Property({ type: 'integer' })
  seq: number;

  @Property({ type: 'string', length: 64 })
  hash: string;

  @Property({ type: 'datetime' })
  anchoredAt: Date;

  constructor(init: { chain: string; seq: number; hash: string; anchoredAt: Date }) {
    this.chain = init.chain;
    this.seq = init.seq;
    this.hash = init.hash;
    this.anchoredAt = init.anchoredAt;
  }
}
