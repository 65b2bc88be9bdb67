import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { hash } from '@node-rs/argon2';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { User } from '../../../activities/identity/user.entity';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors';
import type { ChangeRegionBody, ChangeRoleBody, CreateUserBody, UserListQuery } from './users.schemas';

/** What the API says about a user: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: User['role'];
  regionCode: string;
  status: User['status'];
  createdAt: Date;
}

type Access = Pick<User, 'role' | 'regionCode' | 'status'>;

/**
 * User administration for administrators, confined to their region subtree: a user elsewhere is "not found", and no
 * one can be placed in a region outside it (so no one is raised above the administrator). Administrators may not
 * change their own role or suspend themselves. Every change is one `permission_change` audit entry with before,
 * after and reason, written in the same transaction as the change.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async list(admin: AuthUser, query: UserListQuery) {
    const [rows, total] = await this.orm.em.fork().findAndCount(
      User,
      { regionPath: { $like: `${admin.regionPath}%` } },
      { orderBy: { username: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: rows.map(toView), page: query.page, pageSize: query.pageSize, total };
  }

  async create(admin: AuthUser, body: CreateUserBody): Promise<UserView> {
    const passwordHash = await hash(body.password);
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const region = await this.regionInSubtree(em, admin, body.regionCode);
        const user = new User({ id: randomUUID(), username: body.username, displayName: body.displayName, passwordHash, role: body.role, regionCode: region.code, regionPath: region.path });
        // The administrator chose this password and may have written it down: the user replaces it at first login.
        user.mustChangePassword = true;
        await em.insert(User, user);
        await this.record(em, admin, user, null, null);
        return toView(user);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw new ConflictError('username_taken', 'that username is already in use');
      throw err;
    }
  }

  changeRole(admin: AuthUser, id: string, body: ChangeRoleBody): Promise<UserView> {
    return this.change(admin, id, body.reason, async (_em, user) => {
      if (user.id === admin.id) throw new ConflictError('own_role', 'administrators cannot change their own role');
      user.role = body.role;
      // Tokens issued under the old role are refused from now on.
      user.credentialsVersion += 1;
    });
  }

  changeRegion(admin: AuthUser, id: string, body: ChangeRegionBody): Promise<UserView> {
    return this.change(admin, id, body.reason, async (em, user) => {
      const region = await this.regionInSubtree(em, admin, body.regionCode);
      user.regionCode = region.code;
      user.regionPath = region.path;
    });
  }

  setStatus(admin: AuthUser, id: string, status: User['status'], reason: string): Promise<UserView> {
    return this.change(admin, id, reason, async (_em, user) => {
      if (user.id === admin.id) throw new ConflictError('own_status', 'administrators cannot suspend or reactivate themselves');
      if (user.status === status) throw new ConflictError(`already_${status}`, `the user is already ${status}`);
      user.status = status;
      // Suspension ends every token; reactivation does not bring the old ones back: the user logs in anew.
      user.credentialsVersion += 1;
    });
  }

  private async change(admin: AuthUser, id: string, reason: string, apply: (em: EntityManager, user: User) => Promise<void>): Promise<UserView> {
    return this.orm.em.fork().transactional(async (em) => {
      const user = await em.findOne(User, { id, regionPath: { $like: `${admin.regionPath}%` } });
      if (!user) throw new NotFoundError(`no user ${id} in your subtree`);
      const before = access(user);
      await apply(em, user);
      await em.flush();
      await this.record(em, admin, user, before, reason);
      return toView(user);
    });
  }

  private async regionInSubtree(em: EntityManager, admin: AuthUser, code: string): Promise<Region> {
    const region = await em.findOne(Region, code);
    if (!region || !withinSubtree(region.path, admin.regionPath)) {
      throw new UnprocessableError([{ field: 'regionCode', rule: 'must be a region within your own region' }]);
    }
    return region;
  }

  private async record(em: EntityManager, admin: AuthUser, user: User, before: Access | null, reason: string | null): Promise<void> {
    await this.audit.append(em, {
      actorId: admin.id,
      actorRole: admin.role,
      regionCode: user.regionCode,
      action: 'permission_change',
      targetType: 'user',
      targetId: user.id,
      before,
      after: access(user),
      reason,
    });
  }
}

function access(user: User): Access {
  return { role: user.role, regionCode: user.regionCode, status: user.status };
}

function toView(user: User): UserView {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, regionCode: user.regionCode, status: user.status, createdAt: user.createdAt };
}
