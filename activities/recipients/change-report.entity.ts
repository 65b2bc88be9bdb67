import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';
import type { AssessedIncome } from '../../workflows/application/decisions';
import type { DeclaredDeductions } from '../../workflows/programs/dibao/lifecycle';

/**
 * A change in income or household reported by the household or a caseworker. The free-text account stays here; the
 * workflow receives the id, the incomes by member id and the deductions only.
 */
@Entity({ tableName: 'recipient_change_reports' })
@Index({ properties: ['householdId', 'createdAt'] })
export class ChangeReport {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 36 })
  recipientId: string;

  @Property({ type: 'string', length: 16 })
  kind: 'income' | 'household';

  @Property({ type: 'string', length: 16 })
  reportedBy: 'household' | 'caseworker';

  @Property({ type: 'json' })
  incomes: AssessedIncome[];

  @Property({ type: 'json' })
  deductions: DeclaredDeductions;

  /** The household's or caseworker's account of the change, encrypted at rest. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
  account: string;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: ChangeReport) {
    this.id = init.id;
    this.householdId = init.householdId;
    this.recipientId = init.recipientId;
    this.kind = init.kind;
    this.reportedBy = init.reportedBy;
    this.incomes = init.incomes;
    this.deductions = init.deductions;
    this.account = init.account;
    this.recordedById = init.recordedById;
    this.createdAt = init.createdAt;
  }
}
