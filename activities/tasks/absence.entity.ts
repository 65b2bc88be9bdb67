import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * AB岗: a caseworker's planned absence and the colleague (the B post) who covers it. While it runs, the absent
 * person's claimed tasks appear in the colleague's inbox and the colleague decides them "acting for" the absent
 * person, so nothing waits for someone who is away until it is overdue. Days are Asia/Shanghai calendar days,
 * inclusive at both ends.
 */
@Entity({ tableName: 'absences' })
@Index({ properties: ['backupUserId', 'endsOn'] })
@Index({ properties: ['userId', 'endsOn'] })
export class Absence {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  userId: string;

  @Property({ type: 'string', length: 36 })
  backupUserId: string;

  /** First day away, YYYY-MM-DD. */
  @Property({ type: 'string', length: 10 })
  startsOn: string;

  /** Last day away, YYYY-MM-DD. */
  @Property({ type: 'string', length: 10 })
  endsOn: string;

  @Property({ type: 'string', length: 200 })
  reason: string;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  constructor(init: Pick<Absence, 'id' | 'userId' | 'backupUserId' | 'startsOn' | 'endsOn' | 'reason' | 'recordedById'>) {
    this.id = init.id;
    this.userId = init.userId;
    this.backupUserId = init.backupUserId;
    this.startsOn = init.startsOn;
    this.endsOn = init.endsOn;
    this.reason = init.reason;
    this.recordedById = init.recordedById;
  }
}
