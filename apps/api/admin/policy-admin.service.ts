import { regionInScope } from '../common/region-scope';
import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { approvalStanding } from '../../../activities/identity/approval-standing';
import { User } from '../../../activities/identity/user.entity';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { PolicyVersion } from '../../../activities/regions/policy-version.entity';
import { PolicyApprovals } from './policy-approvals';
import { PolicyService } from '../../../activities/regions/policy.service';
import { Region } from '../../../activities/regions/region.entity';
import { ConfigValidationError } from '../../../config/config-error';
import { diffDocuments, provenance, valueAt } from '../../../config/policy/inspect';
import { liftPolicy } from '../../../config/policy/policy-shape';
import { canonicalJson, mergeOverride, resolvePolicy, resolveSections } from '../../../config/policy/resolve';
import { dayOf, endOfShanghaiDay, isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors';
import type { ProposeBody } from './admin.schemas';

/** Midnight Asia/Shanghai at the start of an ISO date. */
export const startOfDay = (iso: string) => new Date(endOfShanghaiDay(dayOf(iso) - 1));

/**
 * Region policy as administrators manage it: effective values with their provenance, versions proposed by one
 * administrator and approved by another (four-eyes) and their diffs. Previews (dry runs, governed cases) live in
 * PolicyPreviewService, budget impact in PolicyImpactService.
 */
@Injectable()
export class PolicyAdminService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly audit: AuditLog,
    private readonly approvals: PolicyApprovals,
  ) {}

  /** A region the administrator may manage: their own or below (outside it, 404). */
  private async managed(em: EntityManager, user: AuthUser, code: string): Promise<Region> {
    const region = await regionInScope(em, user, code);
    return region;
  }

  async effective(user: AuthUser, code: string) {
    const em = this.orm.em.fork();
    const region = await this.managed(em, user, code);
    const layers = await this.policies.layersFor(em, code);
    const policy = resolvePolicy(layers);
    return {
      region: { code: region.code, name: region.name, level: region.level },
      label: policy.label,
      snapshotId: policy.snapshotId,
      fields: provenance(resolveSections(layers), layers, code),
    };
  }

  /**
   * Proposes a version of the region's override. `earliestDay` lets a standard change take effect from the first day of
   * the current month (its households are recomputed from that month, arrears included); otherwise not before today.
   */
  async propose(user: AuthUser, code: string, body: ProposeBody, earliestDay?: number) {
    const em = this.orm.em.fork();
    const region = await this.managed(em, user, code);
    const today = earliestDay ?? shanghaiDay(Date.now());
    if (dayOf(body.effectiveFrom) < today) {
      throw new UnprocessableError([{ field: 'effectiveFrom', rule: `must not be in the past (today is ${isoDate(today)}); got ${body.effectiveFrom}` }]);
    }
    const effectiveFrom = startOfDay(body.effectiveFrom);
    const layers = await this.policies.layersFor(em, code, effectiveFrom);
    const own = layers.find((l) => l.scope === code);
    // The body may still use the flat shape of earlier clients: it is stored by section.
    const override = mergeOverride(own?.override ?? {}, liftPolicy(body.override));
    await this.validateSubtree(em, region, override, effectiveFrom);

    const latest = await em.findOne(PolicyVersion, { scope: code }, { orderBy: { version: 'desc' } });
    const version = new PolicyVersion({
      id: randomUUID(),
      scope: code,
      version: (latest?.version ?? 0) + 1,
      override,
      source: 'administrator',
      contentHash: createHash('sha256').update(canonicalJson(override)).digest('hex'),
      status: 'proposed',
      effectiveFrom,
    });
    version.proposedById = user.id;
    version.proposedReason = body.reason;
    await em.transactional(async (tx) => {
      tx.persist(version);
      await this.audit.append(tx, {
        actorId: user.id,
        actorRole: user.role,
        regionCode: code,
        action: 'policy_proposed',
        targetType: 'policy_version',
        targetId: version.id,
        before: own?.override ?? null,
        after: { override, effectiveFrom: effectiveFrom.toISOString() },
        reason: body.reason,
      });
    });
    return this.view(version, diffDocuments(own?.override ?? {}, override));
  }

  /** The change must leave the region and every region below it with a valid policy; issues name each. */
  private async validateSubtree(em: EntityManager, region: Region, override: Record<string, unknown>, at: Date): Promise<void> {
    const below = await em.find(Region, { path: { $like: `${region.path}%` } }, { orderBy: { path: 'asc' } });
    const issues: { field: string; rule: string }[] = [];
    for (const r of below) {
      // r's layers with the proposal in place of the region's own version, at its depth in r's chain.
      const chain = r.path.split('/').filter(Boolean);
      const depth = (scope: string) => (scope === 'national' ? -1 : chain.indexOf(scope));
      const proposed = { scope: region.code, name: `${region.code} ${region.name}`, version: 0, override };
      const ordered = [...(await this.policies.layersFor(em, r.code, at)).filter((l) => l.scope !== region.code), proposed].sort(
        (x, y) => depth(x.scope) - depth(y.scope),
      );
      try {
        resolvePolicy(ordered);
      } catch (err) {
        if (!(err instanceof ConfigValidationError)) throw err;
        for (const issue of err.issues) {
          const given = valueAt(override, issue.field);
          const rule = `${issue.rule}${given === undefined ? '' : ` (given ${JSON.stringify(given)})`}${r.code === region.code ? '' : ` — for ${r.code} ${r.name}`}`;
          if (!issues.some((i) => i.field === issue.field)) issues.push({ field: `override.${issue.field}`, rule });
        }
      }
      if (issues.length > 0) break;
    }
    if (issues.length > 0) throw new UnprocessableError(issues);
  }

  async review(user: AuthUser, versionId: string, decision: 'approve' | 'reject', reason: string) {
    const em = this.orm.em.fork();
    const version = await em.findOne(PolicyVersion, versionId);
    if (!version || version.scope === 'national') throw new NotFoundError(`no policy version ${versionId} in your subtree`);
    await this.managed(em, user, version.scope);
    if (version.status !== 'proposed') throw new ConflictError('not_proposed', `version ${version.version} is ${version.status}`);
    if (version.proposedById === user.id) throw new ConflictError('four_eyes', 'a version must be approved by an administrator other than its proposer');
    // No approval from an account created, promoted or granted by the proposer after the version was proposed.
    const standing = decision === 'approve' ? approvalStanding(await em.findOneOrFail(User, user.id), version.proposedById, version.createdAt) : null;
    if (standing) throw new ConflictError(standing.code, standing.message);
    version.status = decision === 'approve' ? 'active' : 'rejected';
    version.reviewedById = user.id;
    version.reviewedReason = reason;
    version.reviewedAt = new Date();
    await em.transactional(async (tx) => {
      tx.persist(version);
      await this.audit.append(tx, {
        actorId: user.id,
        actorRole: user.role,
        regionCode: version.scope,
        action: decision === 'approve' ? 'policy_approved' : 'policy_rejected',
        targetType: 'policy_version',
        targetId: version.id,
        before: { status: 'proposed' },
        after: { status: version.status, version: version.version },
        reason,
      });
    });
    await this.approvals.decided(version, decision);
    return this.view(version);
  }

  async versions(user: AuthUser, code: string) {
    const em = this.orm.em.fork();
    await this.managed(em, user, code);
    const rows = await em.find(PolicyVersion, { scope: code }, { orderBy: { version: 'desc' } });
    return rows.map((v) => this.view(v));
  }

  async diff(user: AuthUser, a: string, b: string) {
    const em = this.orm.em.fork();
    const [left, right] = await Promise.all([em.findOne(PolicyVersion, a), em.findOne(PolicyVersion, b)]);
    if (!left || !right) throw new NotFoundError('no such policy version');
    for (const v of [left, right]) if (v.scope !== 'national') await this.managed(em, user, v.scope);
    return { from: this.view(left), to: this.view(right), changes: diffDocuments(liftPolicy(left.override), liftPolicy(right.override)) };
  }

  view(v: PolicyVersion, changes?: ReturnType<typeof diffDocuments>) {
    return {
      id: v.id,
      scope: v.scope,
      version: v.version,
      status: v.status,
      source: v.source,
      effectiveFrom: v.effectiveFrom,
      override: liftPolicy(v.override),
      proposedById: v.proposedById,
      proposedReason: v.proposedReason,
      reviewedById: v.reviewedById,
      reviewedReason: v.reviewedReason,
      reviewedAt: v.reviewedAt,
      ...(changes ? { changes } : {}),
    };
  }
}
