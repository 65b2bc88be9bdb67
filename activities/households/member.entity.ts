import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedIntegerType } from '../security/encrypted-integer.type';
import { EncryptedStringType } from '../security/encrypted-string.type';
import type { Household } from './household.entity';

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** A member of a household. Names, ID numbers and disability details are personal data and stay here. */
@Entity({ tableName: 'members' })
export class Member {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @ManyToOne({ entity: 'Household', deleteRule: 'cascade' })
  household!: Household;

  @Property({ type: 'integer' })
  position: number;

  /** Stored encrypted (AES-256-GCM under PII_ENCRYPTION_KEYS), like the ID number. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
  name: string;

  /** Stored encrypted; look people up by `idDigest`, never by this column. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
  idNumber: string;

  /** Keyed digest of the ID number: finds a person without reading ID numbers (duplicate applications, registers). */
  @Index()
  @Property({ type: 'string', length: 64 })
  idDigest: string;

  @Property({ type: 'string', length: 12 })
  relation: Relation;

  @Property({ type: 'string', length: 10 })
  birthDate: string;

  /** Declared monthly income in fen. */
  @Property({ type: 'integer' })
  declaredMonthlyIncomeFen: number;

  /** 残疾等级 1–4 (1 and 2 are severe), or null. Disability details are personal data: stored encrypted. */
  @Property({ type: EncryptedIntegerType, columnType: 'text', nullable: true })
  disabilityGrade: number | null;

  constructor(init: Omit<Member, 'household'>) {
    this.id = init.id;
    this.position = init.position;
    this.name = init.name;
    this.idNumber = init.idNumber;
    this.idDigest = init.idDigest;
    this.relation = init.relation;
    this.birthDate = init.birthDate;
    this.declaredMonthlyIncomeFen = init.declaredMonthlyIncomeFen;
    this.disabilityGrade = init.disabilityGrade;
  }
}
