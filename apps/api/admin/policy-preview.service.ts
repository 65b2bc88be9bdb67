import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Application } from '../../../activities/application/application.entity';
import { CalendarService } from '../../../activities/regions/calendar.service';
import { PolicyService } from '../../../activities/regions/policy.service';
import { PolicySnapshotSource } from '../../../activities/regions/policy-snapshot-source.entity';
import { PolicyVersion } from '../../../activities/regions/policy-version.entity';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { ConfigValidationError } from '../../../config/config-error';
import { liftPolicy } from '../../../config/policy/policy-shape';
import { mergeOverride, resolvePolicy, type PolicyLayer } from '../../../config/policy/resolve';
import type { RegionPolicy } from '../../../config/policy/policy.schema';
import { scheduleRoute } from '../../../workflows/programs/dibao/schedule';
import { STEP_LABELS } from '../../../workflows/programs/dibao/route';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError, UnprocessableError } from '../common/errors';
import type { DryRunBody } from './admin.schemas';
import { PolicyAdminService, startOfDay } from './policy-admin.service';

/**
 * What a policy would do before anyone signs it: the dry run (the exact route of a case and the latest due date of
 * every step over the holiday calendar, computed with the workflow's own pure functions), for the region's current
 * policy and, given a proposed change, side by side for the proposal; and the running cases a version governs.
 */
@Injectable()
export class PolicyPreviewService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly calendars: CalendarService,
    private readonly admin: PolicyAdminService,
  ) {}

  async dryRun(user: AuthUser, body: DryRunBody) {
    const em = this.orm.em.fork();
    const region = await em.findOne(Region, body.regionCode);
    const visible = region && (withinSubtree(region.path, user.regionPath) || withinSubtree(user.regionPath, region.path));
    if (!region || !visible) throw new NotFoundError(`no region ${body.regionCode} visible to you`);
    const submittedAt = startOfDay(body.date).getTime() + 9 * 3_600_000;
    const layers = await this.policies.layersFor(em, body.regionCode, new Date(submittedAt));
    const current = this.schedule(resolvePolicy(layers), body, submittedAt, await this.calendars.calendar());
    const base = { region: { code: region.code, name: region.name }, ...current };
    if (!body.proposal) return base;
    if (!withinSubtree(region.path, user.regionPath)) throw new NotFoundError(`no region ${body.regionCode} in your subtree`);
    return { ...base, proposed: this.schedule(this.withProposal(layers, region, body.proposal.override), body, submittedAt, await this.calendars.calendar()) };
  }

  /** The region's own layer with the proposed change merged in, checked by the same rules as a proposal. */
  private withProposal(layers: PolicyLayer[], region: Region, override: Record<string, unknown>) {
    const own = layers.find((l) => l.scope === region.code);
    const merged: PolicyLayer = { scope: region.code, name: `${region.code} ${region.name}`, version: 0, override: mergeOverride(own?.override ?? {}, liftPolicy(override)) };
    const ordered = own ? layers.map((l) => (l === own ? merged : l)) : [...layers, merged];
    try {
      return resolvePolicy(ordered);
    } catch (err) {
      if (!(err instanceof ConfigValidationError)) throw err;
      throw new UnprocessableError(err.issues.map((i) => ({ field: `proposal.override.${i.field}`, rule: i.rule })));
    }
  }

  private schedule(policy: { snapshotId: string; label: string; document: RegionPolicy }, body: DryRunBody, submittedAt: number, calendar: Awaited<ReturnType<CalendarService['calendar']>>) {
    const schedule = scheduleRoute(policy.document, body.facts, submittedAt, calendar);
    const at = (ms: number) => new Date(ms).toISOString();
    return {
      policy: { snapshotId: policy.snapshotId, label: policy.label },
      submittedAt: at(submittedAt),
      steps: schedule.steps.map((s) => ({ ...s, startsAt: at(s.startsAt), dueAt: at(s.dueAt) })),
      overallDueAt: schedule.overallDueAt === undefined ? null : at(schedule.overallDueAt),
      withinOverallLimit: schedule.withinOverallLimit ?? null,
    };
  }

  /** Running cases in the administrator's subtree whose policy snapshot was merged from this version. */
  async governedCases(user: AuthUser, versionId: string) {
    const em = this.orm.em.fork();
    const version = await em.findOne(PolicyVersion, versionId);
    if (!version) throw new NotFoundError(`no policy version ${versionId}`);
    if (version.scope !== 'national') {
      const region = await em.findOne(Region, version.scope);
      if (!region || !withinSubtree(region.path, user.regionPath)) throw new NotFoundError(`no policy version ${versionId} in your subtree`);
    }
    const snapshots = (await em.find(PolicySnapshotSource, { versionId })).map((s) => s.snapshotId);
    const cases = await em.find(
      Application,
      { policySnapshotId: { $in: snapshots }, status: 'in_progress', regionPath: { $like: `${user.regionPath}%` } },
      { orderBy: { submittedAt: 'asc' }, limit: 500 },
    );
    const stepLabel = (stage: string) => (STEP_LABELS as Record<string, string>)[stage] ?? stage;
    return {
      version: this.admin.view(version),
      cases: cases.map((c) => ({ id: c.id, caseNo: c.caseNo, stage: c.stage, stageLabel: stepLabel(c.stage), regionCode: c.regionCode, policySnapshotId: c.policySnapshotId })),
    };
  }
}
