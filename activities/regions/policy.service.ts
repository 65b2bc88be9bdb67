import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { CasePolicy, PolicyDocument } from '../../config/policy/policy.schema';
import { liftPolicy } from '../../config/policy/policy-shape';
import { canonicalJson, resolvePolicy, resolveSections, type PolicyLayer } from '../../config/policy/resolve';
import { NATIONAL_SCOPE, loadShippedCalendars, loadShippedRegions, nationalLayer } from '../../config/shipped';
import { HolidayYearRow } from './holiday-year.entity';
import { PolicySnapshot } from './policy-snapshot.entity';
import { PolicySnapshotSource } from './policy-snapshot-source.entity';
import { PolicyVersion } from './policy-version.entity';
import { Region } from './region.entity';
import { regionChain } from './region.repository';

const SHIPPED_EFFECTIVE_FROM = new Date('2026-01-01T00:00:00+08:00');

export interface LoadSummary {
  regions: number;
  versionsAdded: number;
  calendarsAdded: number;
}

/**
 * Region configuration in the database: loading what config/ ships (idempotent: running it again adds nothing) and
 * resolving the effective policy a new case starts under, persisted as a snapshot.
 */
export class PolicyService {
  /** Policies resolved from a set of version ids (immutable), most recent last. */
  private readonly resolved = new BoundedMap<string, CasePolicy>(256);
  /** Snapshot ids seen recorded (a snapshot row is never deleted). */
  private readonly recorded = new Set<string>();

  constructor(private readonly orm: MikroORM) {}

  /** Loads the shipped regions, policy overrides and holiday tables; validates everything first. */
  async loadShipped(): Promise<LoadSummary> {
    const regions = loadShippedRegions();
    const calendars = loadShippedCalendars();
    const national = nationalLayer();
    return this.orm.em.fork().transactional(async (em) => {
      for (const r of regions) {
        const row = await em.findOne(Region, r.code);
        if (row) Object.assign(row, { name: r.name, level: r.level, parentCode: r.parentCode, path: r.path, area: r.area, residents: r.residents });
        else em.persist(new Region({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, path: r.path, area: r.area, residents: r.residents }));
      }
      let versionsAdded = 0;
      const layers = [{ scope: NATIONAL_SCOPE, override: national.override }, ...regions.filter((r) => r.policy).map((r) => ({ scope: r.code, override: r.policy! }))];
      for (const layer of layers) {
        if (await this.addShippedVersion(em, layer.scope, layer.override)) versionsAdded += 1;
      }
      let calendarsAdded = 0;
      for (const year of calendars) {
        const row = await em.findOne(HolidayYearRow, year.year);
        if (!row) {
          em.persist(new HolidayYearRow(year));
          calendarsAdded += 1;
        } else if (!row.published && year.published) {
          Object.assign(row, year);
          calendarsAdded += 1;
        }
      }
      return { regions: regions.length, versionsAdded, calendarsAdded };
    });
  }

  private async addShippedVersion(em: EntityManager, scope: string, override: Record<string, unknown>): Promise<boolean> {
    const contentHash = createHash('sha256').update(canonicalJson(override)).digest('hex');
    const latest = await em.findOne(PolicyVersion, { scope, source: 'shipped' }, { orderBy: { version: 'desc' } });
    if (latest?.contentHash === contentHash) return false;
    const newest = await em.findOne(PolicyVersion, { scope }, { orderBy: { version: 'desc' } });
    em.persist(
      new PolicyVersion({
        id: randomUUID(),
        scope,
        version: (newest?.version ?? 0) + 1,
        override,
        source: 'shipped',
        contentHash,
        status: 'active',
        effectiveFrom: latest ? new Date() : SHIPPED_EFFECTIVE_FROM,
      }),
    );
    return true;
  }

  /** The policy layers in force at `at` for a region, national first; overrides in the sectioned shape. */
  async layersFor(em: EntityManager, regionCode: string, at = new Date()): Promise<PolicyLayer[]> {
    const chain = await regionChain(em, regionCode);
    if (chain.length === 0) throw new Error(`unknown region ${regionCode}`);
    const scopes = [NATIONAL_SCOPE, ...chain.map((r) => r.code)];
    const names = new Map<string, string>([[NATIONAL_SCOPE, '全国默认'], ...chain.map((r) => [r.code, `${r.code} ${r.name}`] as [string, string])]);
    // One read for every level: each scope's newest active version in force (a scope keeps few versions).
    const versions = await em.find(PolicyVersion, { scope: { $in: scopes }, status: 'active', effectiveFrom: { $lte: at } }, { orderBy: { effectiveFrom: 'desc', version: 'desc' } });
    const layers: PolicyLayer[] = [];
    for (const scope of scopes) {
      const version = versions.find((v) => v.scope === scope);
      if (version) layers.push({ scope, name: names.get(scope)!, version: version.version, override: liftPolicy(version.override), versionId: version.id });
    }
    return layers;
  }

  /** The effective policy of a region by section (common + one per program), validated; nothing is recorded. */
  async sectionsFor(em: EntityManager, regionCode: string, at = new Date()): Promise<PolicyDocument> {
    return resolveSections(await this.layersFor(em, regionCode, at));
  }

  /** Resolves the effective policy of a region and makes sure its snapshot row exists. */
  async resolveFor(em: EntityManager, regionCode: string, at = new Date()): Promise<CasePolicy> {
    const layers = await this.layersFor(em, regionCode, at);
    // Versions never change once written: the same versions resolve to the same policy, validated once.
    const key = layers.map((l) => `${l.scope}:${l.name}:${l.versionId}`).join('|');
    // Shared between callers, so frozen: a caller that changed it would change every later case's policy.
    const policy = this.resolved.get(key) ?? deepFreeze(resolvePolicy(layers));
    this.resolved.remember(key, policy);
    if (this.recorded.has(policy.snapshotId)) return policy;
    if (await em.findOne(PolicySnapshot, policy.snapshotId, { fields: ['id'] })) this.recorded.add(policy.snapshotId);
    else {
      // Concurrent first cases of a region race to record the same snapshot: the first insert wins, the others do
      // nothing (a plain insert would fail the losers' whole transaction on the unique key).
      // The ORM rewrites query parameters in place: it gets a copy of the shared (frozen) document.
      await em.upsert(PolicySnapshot, { id: policy.snapshotId, label: policy.label, document: structuredClone(policy.document), createdAt: new Date() }, { onConflictFields: ['id'], onConflictAction: 'ignore' });
      const sources = layers.filter((l) => l.versionId).map((l) => ({ snapshotId: policy.snapshotId, versionId: l.versionId! }));
      if (sources.length > 0) await em.upsertMany(PolicySnapshotSource, sources, { onConflictFields: ['snapshotId', 'versionId'], onConflictAction: 'ignore' });
    }
    return policy;
  }
}

/** A map that forgets its oldest entries past `limit`. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  remember(key: K, value: V): void {
    this.delete(key);
    this.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value as K);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
