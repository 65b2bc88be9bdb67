import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const STAFF_KINDS = ['civil_affairs', 'village_cadre', 'caseworker'] as const;
export type StaffKind = (typeof STAFF_KINDS)[number];

/** The relative's relation to the staff member; `self` registers the staff member's own household. */
export const KIN_RELATIONS = ['self', 'spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'in_law', 'other'] as const;

/**
 * 近亲属备案: a civil-affairs worker, village cadre or caseworker and one close relative. The relative is held by a keyed
 * digest of the ID number (matched at intake) and a masked form for display; the clear number is not stored here.
 */
@Entity({ tableName: 'kin_register' })
export class KinRegisterEntry {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  /** The staff member's user account, when they have one: excluded from every task of the relative's cases. */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  staffUserId: string | null;

  @Property({ type: 'string', length: 50 })
  staffName: string;

  @Property({ type: 'string', length: 16 })
  staffKind: StaffKind;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Index()
  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Index()
  @Property({ type: 'string', length: 64 })
  relativeDigest: string;

  @Property({ type: 'string', length: 18 })
  relativeMasked: string;

  @Property({ type: 'string', length: 16 })
  relation: string;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  recordedAt: Date = new Date();

  constructor(init: Omit<KinRegisterEntry, 'recordedAt'>) {
    this.id = init.id;
    this.staffUserId = init.staffUserId;
    this.staffName = init.staffName;
    this.staffKind = init.staffKind;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.relativeDigest = init.relativeDigest;
    this.relativeMasked = init.relativeMasked;
    this.relation = init.relation;
    this.recordedById = init.recordedById;
  }
}
