import { Collection, Entity, Index, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';
import { Member } from './member.entity';

/** A household (保户不保人: the unit of 低保), living in a village or community. */
@Entity({ tableName: 'households' })
export class Household {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Index()
  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 5 })
  area: 'urban' | 'rural';

  /** Personal data, stored encrypted: never leaves the database except through permitted API responses. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
  address: string;

  @Property({ type: EncryptedStringType, columnType: 'text', nullable: true })
  phone: string | null;

  /** The account benefits are paid into (代发账户): the number is personal data, stored encrypted; null when none given. */
  @Property({ type: EncryptedStringType, columnType: 'text', nullable: true })
  bankAccount: string | null = null;

  /** The bank holding `bankAccount` (开户行), e.g. 中国农业银行灌云县支行. */
  @Property({ type: 'string', length: 60, nullable: true })
  bankName: string | null = null;

  @OneToMany(() => Member, (m) => m.household, { orderBy: { position: 'asc' } })
  members = new Collection<Member>(this);

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  constructor(init: { id: string; regionCode: string; regionPath: string; area: 'urban' | 'rural'; address: string; phone: string | null }) {
    this.id = init.id;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.area = init.area;
    this.address = init.address;
    this.phone = init.phone;
  }
}
