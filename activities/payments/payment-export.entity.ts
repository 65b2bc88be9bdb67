import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';

/**
 * The file handed to the bank for a released batch (代发文件): one line per payment with the account number and the
 * amount. One per batch (the primary key), so a retried release writes none twice. It holds account numbers in
 * clear, so the content is stored encrypted like every other personal field.
 */
@Entity({ tableName: 'payment_exports' })
export class PaymentExport {
  @PrimaryKey({ type: 'string', length: 36 })
  batchId: string;

  @Property({ type: 'integer' })
  lines: number;

  /** Integer fen. */
  @Property({ type: 'bigint', runtimeType: 'number' })
  totalFen: number;

  /** CSV: payment id, bank name, account number, amount in fen. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
  content: string;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: PaymentExport) {
    this.batchId = init.batchId;
    this.lines = init.lines;
    this.totalFen = init.totalFen;
    this.content = init.content;
    this.createdAt = init.createdAt;
  }
}
