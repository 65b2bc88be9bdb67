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

  /** `pending_grant`: created with a privileged role that a second security administrator has not approved yet. */
  @Property({ type: 'string', length: 16 })
  status: 'active' | 'suspended' | 'pending_grant' = 'active';

  /**
   * When the current role took effect (null: at `createdAt`) and who proposed it. An approval counts only from an
   * account whose role predates what it approves and was not granted by that thing's proposer (approval-standing.ts).
   */
  @Property({ type: 'datetime', nullable: true })
  grantedAt: Date | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  grantedById: string | null = null;

  /** Bumped by a password or role change, suspension and reactivation; tokens carry it, older ones are refused. */
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
