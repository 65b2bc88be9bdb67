import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** One refused line of a bank result file: its line number, the reference it named and why (a stable code). */
export interface RejectedResultLine {
  line: number;
  reference: string;
  code: string;
}

/**
 * A bank result file imported for a run (回盘文件). The SHA-256 of the file is unique per run: importing the same file
 * again answers with this record and changes nothing. The file itself is not kept (it names accounts); the counts
 * and the refused lines are.
 */
@Entity({ tableName: 'payment_result_imports' })
@Unique({ properties: ['batchId', 'fileHash'] })
export class PaymentResultImport {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  batchId: string;

  /** Hex SHA-256 of the file's bytes. */
  @Property({ type: 'string', length: 64 })
  fileHash: string;

  @Property({ type: 'integer' })
  lines: number;

  /** Lines that moved a payment to paid, failed or returned. */
  @Property({ type: 'integer' })
  applied: number;

  /** Lines repeating a result already recorded (by an earlier file). */
  @Property({ type: 'integer' })
  unchanged: number;

  @Property({ type: 'json' })
  rejected: RejectedResultLine[];

  @Property({ type: 'string', length: 36 })
  importedById: string;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: PaymentResultImport) {
    this.id = init.id;
    this.batchId = init.batchId;
    this.fileHash = init.fileHash;
    this.lines = init.lines;
    this.applied = init.applied;
    this.unchanged = init.unchanged;
    this.rejected = init.rejected;
    this.importedById = init.importedById;
    this.createdAt = init.createdAt;
  }
}
