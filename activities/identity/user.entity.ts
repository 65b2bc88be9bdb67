import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../../workflows/domain/roles';

/** A caseworker or official: one role, one region; sees that region's subtree only. */
@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 64, unique: true })
  username: string;

  @Property({ type: 'string', length: 100 })
  displayName: string;

  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash: string;

  @Property({ type: 'string', length: 32 })
  role: Role;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Index()
  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 16 })
  status: 'active' | 'suspended' = 'active';

  /** Bumped by every password change; tokens carry it, so a token issued before the change is refused. */
  @Property({ type: 'integer', defaultRaw: '1' })
  credentialsVersion = 1;

  /** A temporary password set by an administrator: the user must choose their own before doing anything else. */
  @Property({ type: 'boolean', defaultRaw: 'false' })
  mustChangePassword = false;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  constructor(init: { id: string; username: string; displayName: string; passwordHash: string; role: Role; regionCode: string; regionPath: string }) {
    this.id = init.id;
    this.username = init.username;
    this.displayName = init.displayName;
    this.passwordHash = init.passwordHash;
    this.role = init.role;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
  }
}
