import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { SamplingTally } from '../../../activities/application/sampling.entity';
import { PolicyService } from '../../../activities/regions/policy.service';
import { Region } from '../../../activities/regions/region.entity';
import { resolvePolicy } from '../../../config/policy/resolve';
import type { AuthUser } from '../auth/auth.types';
import { regionInScope } from '../common/region-scope';

/**
 * Each county's achieved sampling share (抽查入户, 不低于30%) for a month: cases that reached the county, cases
 * sampled, the share in basis points and whether it meets the rate the county's policy sets today.
 */
@Injectable()
export class SamplingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
  ) {}

  async shares(user: AuthUser, code: string, month: string) {
    const em = this.orm.em.fork();
    const region = await regionInScope(em, user, code);
    const counties =
      region.level === 'county'
        ? [region]
        : await em.find(Region, { level: 'county', path: { $like: `${region.path}%` } }, { orderBy: { code: 'asc' }, limit: 500 });
    const tallies = await em.find(SamplingTally, { month, countyCode: { $in: counties.map((c) => c.code) } });
    const byCounty = new Map(tallies.map((t) => [t.countyCode, t]));
    const items = [];
    for (const county of counties) {
      const policy = resolvePolicy(await this.policies.layersFor(em, county.code, new Date()));
      const rateBasisPoints = Math.round(policy.document.approval.samplingRate * 10_000);
      const { cases = 0, sampled = 0 } = byCounty.get(county.code) ?? {};
      items.push({
        county: { code: county.code, name: county.name },
        cases,
        sampled,
        shareBasisPoints: cases === 0 ? null : Math.floor((sampled * 10_000) / cases),
        rateBasisPoints,
        meetsRate: sampled * 10_000 >= rateBasisPoints * cases,
      });
    }
    return { month, items };
  }
}
