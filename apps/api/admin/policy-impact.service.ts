import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { PolicyService } from '../../../activities/regions/policy.service';
import { PolicyVersion } from '../../../activities/regions/policy-version.entity';
import { Region } from '../../../activities/regions/region.entity';
import { liftPolicy } from '../../../config/policy/policy-shape';
import { resolvePolicy } from '../../../config/policy/resolve';
import type { AuthUser } from '../auth/auth.types';
import { regionInScope } from '../common/region-scope';
import { NotFoundError } from '../common/errors';

/** One township's share of a policy change's budget consequence, in integer fen a month. */
export interface TownshipImpact {
  code: string;
  name: string;
  households: number;
  changed: number;
  beforeFen: number;
  afterFen: number;
  diffFen: number;
  enterGradualExit: number;
  exit: number;
}

interface Row {
  township: string;
  households: number | string;
  changed: number | string;
  before_fen: number | string;
  after_fen: number | string;
  enter_gradual: number | string;
  exits: number | string;
}

/**
 * The budget consequence of a proposed policy version before it is signed: for every household paid in the version's
 * subtree, its amount under the version's standards and 渐退 band, recomputed from the last assessment the ledger
 * holds (household size, income net of deductions, basis) exactly as the lifecycle's re-assessment does, summed by
 * township in one SQL statement. Households of a sub-region that sets its own standards keep them and are left out;
 * 单人保 households move by the change of the standard per member paid. Households enrolled but without a ledger
 * month yet are counted apart (`unassessed`).
 */
@Injectable()
export class PolicyImpactService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
  ) {}

  async impact(user: AuthUser, versionId: string) {
    const em = this.orm.em.fork() as SqlEntityManager;
    const version = await em.findOne(PolicyVersion, versionId);
    if (!version || version.scope === 'national') throw new NotFoundError(`no policy version ${versionId} in your subtree`);
    const region = await regionInScope(em, user, version.scope);
    const layers = (await this.policies.layersFor(em, region.code, version.effectiveFrom)).filter((l) => l.scope !== region.code);
    const proposed = resolvePolicy([...layers, { scope: region.code, name: region.name, version: version.version, override: version.override }]).document;
    const excluded = await this.ownStandards(em, region);
    const { urbanFen, ruralFen } = proposed.standards;
    const band = Math.round(proposed.lifecycle.gradualExit.multiplier * 100);
    const rows = await this.byTownship(em, region.path, excluded, urbanFen, ruralFen, proposed.lifecycle.gradualExit.months > 0 ? band : 0);
    const names = new Map((await em.find(Region, { code: { $in: rows.map((r) => r.township) } })).map((r) => [r.code, r.name]));
    const townships: TownshipImpact[] = rows.map((r) => {
      const beforeFen = Number(r.before_fen);
      const afterFen = Number(r.after_fen);
      const township = { households: Number(r.households), changed: Number(r.changed), enterGradualExit: Number(r.enter_gradual), exit: Number(r.exits) };
      return { code: r.township, name: names.get(r.township) ?? r.township, ...township, beforeFen, afterFen, diffFen: afterFen - beforeFen };
    });
    const sum = (k: keyof TownshipImpact) => townships.reduce((acc, t) => acc + (t[k] as number), 0);
    const monthlyDiffFen = sum('diffFen');
    return {
      version: { id: version.id, version: version.version, scope: version.scope, status: version.status, effectiveFrom: version.effectiveFrom },
      standards: { urbanFen, ruralFen },
      households: sum('households'),
      changed: sum('changed'),
      monthlyBeforeFen: sum('beforeFen'),
      monthlyAfterFen: sum('afterFen'),
      monthlyDiffFen,
      yearlyDiffFen: monthlyDiffFen * 12,
      enterGradualExit: sum('enterGradualExit'),
      exit: sum('exit'),
      unassessed: await this.unassessed(em, region.path),
      excludedRegions: excluded.map((r) => ({ code: r.code, name: r.name })),
      townships,
    };
  }

  /** Regions below the version's own that set their own standards: the change does not reach their households. */
  private async ownStandards(em: SqlEntityManager, region: Region): Promise<Region[]> {
    const below = await em.find(Region, { path: { $like: `${region.path}%` }, code: { $ne: region.code }, level: { $ne: 'village' } });
    const active = await em.find(PolicyVersion, { scope: { $in: below.map((r) => r.code) }, status: 'active' });
    const setting = new Set(active.filter((v) => (liftPolicy(v.override).dibao as { standards?: unknown } | undefined)?.standards !== undefined).map((v) => v.scope));
    return below.filter((r) => setting.has(r.code));
  }

  private async byTownship(em: SqlEntityManager, path: string, excluded: Region[], urbanFen: number, ruralFen: number, band: number): Promise<Row[]> {
    const pg = em.getDriver().constructor.name.startsWith('PostgreSql');
    const num = (field: string) => (pg ? `cast(e.derivation->>'${field}' as bigint)` : `cast(json_extract(e.derivation, '$.${field}') as integer)`);
    const basis = pg ? `e.derivation->>'basis'` : `json_extract(e.derivation, '$.basis')`;
    const [n, income, oldStd] = [num('members'), num('totalIncomeFen'), num('standardFen')];
    const std = `(case when h.area = 'urban' then ${urbanFen} else ${ruralFen} end)`;
    const gap = `(${std} * ${n} - ${income})`;
    const inBand = `(${gap} <= 0 and ${income} > ${std} * ${n} and ${income} * 100 < ${band} * ${std} * ${n})`;
    const single = `(case when r.monthly_benefit_fen + (${std} - ${oldStd}) * r.members_counted > 0 then r.monthly_benefit_fen + (${std} - ${oldStd}) * r.members_counted else 0 end)`;
    const after = `(case when ${basis} = 'single_person' then ${single} when ${gap} > 0 then ${gap} when ${inBand} then r.monthly_benefit_fen else 0 end)`;
    const notExcluded = excluded.map(() => 'and r.region_path not like ?').join(' ');
    const sql = `
      select substr(r.region_code, 1, 9) as township, count(*) as households,
        sum(case when ${after} <> r.monthly_benefit_fen then 1 else 0 end) as changed,
        sum(r.monthly_benefit_fen) as before_fen, sum(${after}) as after_fen,
        sum(case when r.status = 'active' and ${basis} <> 'single_person' and ${inBand} then 1 else 0 end) as enter_gradual,
        sum(case when ${after} = 0 then 1 else 0 end) as exits
      from recipients r
      join households h on h.id = r.household_id
      join entitlements e on e.household_id = r.household_id and e.kind in ('regular', 'gradual_exit')
        and e.month = (select max(e2.month) from entitlements e2 where e2.household_id = r.household_id and e2.kind in ('regular', 'gradual_exit'))
      where r.region_path like ? and r.status in ('active', 'gradual_exit') ${notExcluded}
      group by substr(r.region_code, 1, 9)
      order by township`;
    return em.getConnection().execute<Row[]>(sql, [`${path}%`, ...excluded.map((r) => `${r.path}%`)]);
  }

  /** Live households with no ledger month yet: their first month is computed when it comes. */
  private async unassessed(em: SqlEntityManager, path: string): Promise<number> {
    const rows = await em.getConnection().execute<{ n: number | string }[]>(
      `select count(*) as n from recipients r where r.region_path like ? and r.status in ('active', 'gradual_exit')
         and not exists (select 1 from entitlements e where e.household_id = r.household_id and e.kind in ('regular', 'gradual_exit'))`,
      [`${path}%`],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
