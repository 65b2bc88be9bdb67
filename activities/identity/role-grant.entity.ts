import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../../workflows/domain/roles';

/**
 * A privileged role proposed by one security administrator and waiting for a second one (三员分立, four eyes on
 * grants). `kind` says whether it makes a new account usable (`create`: the account is `pending_grant` until then) or
 * changes an existing account's role (`change`: the account keeps its old role until then).
 */
@Entity({ tableName: 'role_grants' })
@Index({ properties: ['regionPath', 'status'] })
export class RoleGrant {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  userId: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 32 })
  role: Role;

  @Property({ type: 'string', length: 8 })
  kind: 'create' | 'change';

  @Property({ type: 'string', length: 36 })
  proposedById: string;

  @Property({ type: 'datetime' })
  proposedAt: Date;

  @Property({ type: 'string', length: 12 })
  status: 'pending' | 'approved' | 'rejected' = 'pending';

  @Property({ type: 'string', length: 36, nullable: true })
  decidedById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  constructor(init: Pick<RoleGrant, 'id' | 'userId' | 'regionPath' | 'role' | 'kind' | 'proposedById' | 'proposedAt'>) {
    this.id = init.id;
    this.userId = init.userId;
    this.regionPath = init.regionPath;
    this.role = init.role;
    this.kind = init.kind;
    this.proposedById = init.proposedById;
    this.proposedAt = init.proposedAt;
  }
}
