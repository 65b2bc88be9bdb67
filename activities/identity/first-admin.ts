import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { hash } from '@node-rs/argon2';
import { NATIONAL_SCOPE } from '../../config/shipped';
import { AuditLog } from '../audit/audit-log.service';
import { User } from './user.entity';

/** Roles a bootstrap account may have: the two that can create everyone else (users; policy and calendars). */
export const FIRST_ADMIN_ROLES = ['security_admin', 'administrator'] as const;
export type FirstAdminRole = (typeof FIRST_ADMIN_ROLES)[number];

export interface FirstAdminInput {
  username: string;
  /** A temporary password: the account must replace it before any other request (403 `password_change_required`). */
  password: string;
  role: FirstAdminRole;
  displayName?: string;
}

export type FirstAdminOutcome = { created: true; id: string } | { created: false; reason: 'exists' | 'closed' };

/** Why a bootstrap was refused, for the console of the one-time command. */
export const FIRST_ADMIN_REFUSALS: Record<'exists' | 'closed', string> = {
  exists: 'an account with that username exists already; nothing changed',
  closed: 'an account of that role already works with its own password: create further accounts through the API (four-eyes rules apply)',
};

/**
 * Creates a national-level bootstrap account (security administrator or administrator) with a temporary password.
 * Allowed only while no active account of that role has chosen its own password — that is, at installation, before
 * anyone has logged in for real; several may be created then (two security administrators approve each other's
 * grants). After that, accounts are made through the API under its four-eyes rules. Idempotent by username.
 */
export async function createFirstAdmin(orm: MikroORM, input: FirstAdminInput): Promise<FirstAdminOutcome> {
  const passwordHash = await hash(input.password);
  return orm.em.fork().transactional(async (em) => {
    if (await em.findOne(User, { username: input.username })) return { created: false, reason: 'exists' } as const;
    if (await em.findOne(User, { role: input.role, status: 'active', mustChangePassword: false })) return { created: false, reason: 'closed' } as const;
    const user = new User({
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName ?? (input.role === 'security_admin' ? '初始安全管理员' : '初始系统管理员'),
      passwordHash,
      role: input.role,
      regionCode: NATIONAL_SCOPE,
      regionPath: '',
    });
    user.mustChangePassword = true;
    user.grantedAt = user.createdAt;
    await em.insert(User, user);
    await new AuditLog().append(em, {
      actorId: 'installation',
      actorRole: 'none',
      regionCode: NATIONAL_SCOPE,
      action: 'permission_change',
      targetType: 'user',
      targetId: user.id,
      after: { role: user.role, regionCode: user.regionCode, bootstrap: true },
    });
    return { created: true, id: user.id } as const;
  });
}
