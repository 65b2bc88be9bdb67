import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { approvalStanding } from '../../../activities/identity/approval-standing';
import { RoleGrant } from '../../../activities/identity/role-grant.entity';
import { User } from '../../../activities/identity/user.entity';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError } from '../common/errors';

/**
 * The second pair of eyes on privileged roles (三员分立): a security administrator other than the proposer approves or
 * rejects a pending grant of their subtree. The approval counts only under approval-standing.ts (not the proposer,
 * an account whose own role predates the proposal and was not granted by the proposer, not the grantee). Approval
 * makes the role effective (a new account becomes active; a changed role ends the grantee's old tokens).
 */
@Injectable()
export class RoleGrantsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async pending(admin: AuthUser) {
    const em = this.orm.em.fork();
    const grants = await em.find(RoleGrant, { status: 'pending', regionPath: { $like: `${admin.regionPath}%` } }, { orderBy: { proposedAt: 'asc' } });
    const users = await em.find(User, { id: { $in: grants.map((g) => g.userId) } });
    const names = new Map(users.map((u) => [u.id, u.username]));
    return grants.map((g) => ({ id: g.id, userId: g.userId, username: names.get(g.userId) ?? null, role: g.role, kind: g.kind, proposedById: g.proposedById, proposedAt: g.proposedAt }));
  }

  decide(admin: AuthUser, id: string, decision: 'approve' | 'reject', reason: string) {
    return this.orm.em.fork().transactional(async (em) => {
      const grant = await em.findOne(RoleGrant, { id, regionPath: { $like: `${admin.regionPath}%` } });
      if (!grant) throw new NotFoundError(`no role grant ${id} in your subtree`);
      if (grant.status !== 'pending') throw new ConflictError('grant_decided', `the grant is already ${grant.status}`);
      if (grant.userId === admin.id) throw new ConflictError('own_role', 'no one decides a grant of their own role');
      const approver = await em.findOneOrFail(User, admin.id);
      const issue = approvalStanding(approver, grant.proposedById, grant.proposedAt);
      if (issue) throw new ConflictError(issue.code, issue.message);
      const user = await em.findOneOrFail(User, grant.userId);
      const before = { role: user.role, regionCode: user.regionCode, status: user.status };
      grant.status = decision === 'approve' ? 'approved' : 'rejected';
      grant.decidedById = admin.id;
      grant.decidedAt = new Date();
      if (decision === 'approve') {
        if (grant.kind === 'create') user.status = 'active';
        else user.role = grant.role;
        user.grantedAt = grant.decidedAt;
        user.grantedById = grant.proposedById;
        user.credentialsVersion += 1;
      }
      await em.flush();
      await this.audit.append(em, {
        actorId: admin.id,
        actorRole: admin.role,
        regionCode: user.regionCode,
        action: decision === 'approve' ? 'role_grant_approved' : 'role_grant_rejected',
        targetType: 'user',
        targetId: user.id,
        before,
        after: { role: user.role, regionCode: user.regionCode, status: user.status, grantId: grant.id, grantedRole: grant.role },
        reason,
      });
      return { id: grant.id, status: grant.status, userId: user.id, role: user.role, userStatus: user.status };
    });
  }
}
