import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One failed login, counted against a throttle key (`u:<username>` or `a:<client address>`). In the database rather
 * than in a process, so every API process behind a balancer shares the limit and a restart forgets nothing. Rows
 * older than the window are swept; a successful login deletes its username's rows.
 */
@Entity({ tableName: 'login_failures' })
@Index({ properties: ['key', 'at'] })
@Index({ properties: ['at'] })
export class LoginFailure {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  /** `u:` + lower-cased username (at most 64 characters) or `a:` + the client address. */
  @Property({ type: 'string', length: 80 })
  key: string;

  @Property({ type: 'datetime' })
  at: Date;

  constructor(init: LoginFailure) {
    this.id = init.id;
    this.key = init.key;
    this.at = init.at;
  }
}
