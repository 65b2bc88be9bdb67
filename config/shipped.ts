import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigValidationError, issuesFromZod, type ConfigIssue } from './config-error';
import { holidayYearSchema, type HolidayYearConfig } from './calendars/calendar.schema';
import { CONFIG_DIR } from './paths';
import { resolvePolicy, type PolicyLayer } from './policy/resolve';
import { flatten, regionNodeSchema, structuralProblems, type FlatRegion } from './regions/region.schema';

/**
 * The configuration shipped in config/: national policy defaults, the demo region trees with their overrides, and the
 * holiday calendars. Everything is validated before anything is used; one error lists every problem found.
 */

export const NATIONAL_SCOPE = 'national';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigValidationError([{ scope: file, field: '', rule: `must be valid JSON (${(err as Error).message})` }]);
  }
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => resolve(dir, f));
}

/** The national default layer. */
export function nationalLayer(dir = CONFIG_DIR): PolicyLayer {
  return { scope: NATIONAL_SCOPE, name: '全国默认', version: 1, override: readJson(resolve(dir, 'policy', 'national.json')) as Record<string, unknown> };
}

/** The policy layers from the national default down to a region, as shipped. */
export function shippedLayers(regions: readonly FlatRegion[], code: string, national: PolicyLayer): PolicyLayer[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const chain: FlatRegion[] = [];
  for (let r = byCode.get(code); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) chain.unshift(r);
  return [
    national,
    ...chain.filter((r) => r.policy).map((r) => ({ scope: r.code, name: `${r.code} ${r.name}`, version: 1, override: r.policy! })),
  ];
}

/** Every region of every shipped tree, validated: structure, codes, and the effective policy of every region. */
export function loadShippedRegions(dir = CONFIG_DIR): FlatRegion[] {
  const issues: ConfigIssue[] = [];
  const regions: FlatRegion[] = [];
  for (const file of jsonFiles(resolve(dir, 'regions'))) {
    const parsed = regionNodeSchema.safeParse(readJson(file));
    if (!parsed.success) {
      issues.push(...issuesFromZod(file, parsed.error));
      continue;
    }
    issues.push(...structuralProblems(parsed.data).map((p) => ({ scope: `region ${p.code}`, field: p.field, rule: p.rule })));
    regions.push(...flatten(parsed.data));
  }
  const seen = new Set<string>();
  for (const r of regions) {
    if (seen.has(r.code)) issues.push({ scope: `region ${r.code}`, field: 'code', rule: 'is defined twice' });
    seen.add(r.code);
  }
  if (issues.length === 0) {
    const national = nationalLayer(dir);
    for (const r of regions) {
      try {
        resolvePolicy(shippedLayers(regions, r.code, national));
      } catch (err) {
        if (!(err instanceof ConfigValidationError)) throw err;
        for (const i of err.issues) if (!issues.some((x) => x.scope === i.scope && x.field === i.field)) issues.push(i);
      }
    }
  }
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return regions;
}

/** The shipped holiday tables, validated. */
export function loadShippedCalendars(dir = CONFIG_DIR): HolidayYearConfig[] {
  const issues: ConfigIssue[] = [];
  const years: HolidayYearConfig[] = [];
  for (const file of jsonFiles(resolve(dir, 'calendars'))) {
    const parsed = holidayYearSchema.safeParse(readJson(file));
    if (parsed.success) years.push(parsed.data);
    else issues.push(...issuesFromZod(file, parsed.error));
  }
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return years;
}
