import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { RoleGrant } from '../../../activities/identity/role-grant.entity';
import { User } from '../../../activities/identity/user.entity';
import { isPrivileged } from '../../../workflows/domain/roles';
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
  /** A privileged role waiting for a second security administrator (POST /api/admin/role-grants/{id}/approve). */
  pendingGrant?: { id: string; role: User['role'] };
}

type Access = Pick<User, 'role' | 'regionCode' | 'status'>;

/**
 * User administration for security administrators (安全管理员), confined to their region subtree: a user elsewhere is
 * "not found", and no one can be placed in a region outside it. They may not change their own role or suspend
 * themselves. A privileged role is only proposed here: a new account waits as `pending_grant`, an existing one keeps
 * its role, until a second security administrator approves the grant (role-grants.service.ts). Every change is one
 * `permission_change` audit entry with before, after and reason, written in the same transaction as the change.
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
        const grant = isPrivileged(body.role) ? this.proposal(admin, user, body.role, 'create') : null;
        if (grant) user.status = 'pending_grant';
        else Object.assign(user, { grantedAt: user.createdAt, grantedById: admin.id });
        await em.insert(User, user);
        if (grant) await em.insert(RoleGrant, grant);
        await this.record(em, admin, user, null, null);
        return grant ? { ...toView(user), pendingGrant: { id: grant.id, role: grant.role } } : toView(user);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw new ConflictError('username_taken', 'that username is already in use');
      throw err;
    }
  }

  async changeRole(admin: AuthUser, id: string, body: ChangeRoleBody): Promise<UserView> {
    let pending: RoleGrant | null = null;
    const view = await this.change(admin, id, body.reason, async (em, user) => {
      if (user.id === admin.id) throw new ConflictError('own_role', 'administrators cannot change their own role');
      if (isPrivileged(body.role)) {
        pending = this.proposal(admin, user, body.role, 'change');
        await em.insert(RoleGrant, pending);
        return;
      }
      user.role = body.role;
      Object.assign(user, { grantedAt: new Date(), grantedById: admin.id });
      // Tokens issued under the old role are refused from now on.
      user.credentialsVersion += 1;
    });
    const grant = pending as RoleGrant | null;
    return grant ? { ...view, pendingGrant: { id: grant.id, role: grant.role } } : view;
  }

  private proposal(admin: AuthUser, user: User, role: User['role'], kind: RoleGrant['kind']): RoleGrant {
    return new RoleGrant({ id: randomUUID(), userId: user.id, regionPath: user.regionPath, role, kind, proposedById: admin.id, proposedAt: new Date() });
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
      if (user.status === 'pending_grant') throw new ConflictError('grant_pending', 'the account waits for its role grant to be approved');
      user.status = status;
      // Suspension ends every token; reactivation does not bring the old ones back: the user logs in anew.
      user.credentialsVersion += 1;
    });
  }

  /**
   * A forgotten password: a random temporary one, shown to the administrator once, that the user must replace before
   * anything else (403 password_change_required); every token already issued ends. The audit entry never holds it.
   */
  async resetPassword(admin: AuthUser, id: string, reason: string): Promise<UserView & { temporaryPassword: string }> {
    const temporaryPassword = `${randomBytes(12).toString('base64url')}-Aa1`;
    const passwordHash = await hash(temporaryPassword);
    const view = await this.orm.em.fork().transactional(async (em) => {
      const user = await em.findOne(User, { id, regionPath: { $like: `${admin.regionPath}%` } });
      if (!user) throw new NotFoundError(`no user ${id} in your subtree`);
      if (user.id === admin.id) throw new ConflictError('own_password', 'change your own password with the current one, not by a reset');
      user.passwordHash = passwordHash;
      user.mustChangePassword = true;
      user.credentialsVersion += 1;
      await em.flush();
      await this.audit.append(em, { actorId: admin.id, actorRole: admin.role, regionCode: user.regionCode, action: 'password_reset', targetType: 'user', targetId: user.id, reason });
      return toView(user);
    });
    return { ...view, temporaryPassword };
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
