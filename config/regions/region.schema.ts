import { z } from 'zod';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Digits of a region code that identify it at each level (GB/T 2260 plus the statistical township/village codes). */
export const CODE_LENGTH: Record<RegionLevel, number> = { province: 6, city: 6, county: 6, township: 9, village: 12 };
const SIGNIFICANT: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  /** Villages are rural (村), communities urban (社区): it selects the 低保 standard. */
  area?: 'urban' | 'rural';
  /** Registered residents (户籍人口) of a township: the base of its annual 救急难 reserve fund. */
  residents?: number;
  /** Partial policy override, validated after merging with its ancestors. */
  policy?: Record<string, unknown>;
  children?: RegionNode[];
}

export const regionNodeSchema: z.ZodType<RegionNode> = z.lazy(() =>
  z
    .object({
      code: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a 6, 9 or 12 digit region code'),
      name: z.string().min(1, 'must be named'),
      level: z.enum(REGION_LEVELS),
      area: z.enum(['urban', 'rural']).optional(),
      residents: z.number().int('must be a whole number of residents').min(0, 'must not be negative').optional(),
      policy: z.record(z.string(), z.unknown()).optional(),
      children: z.array(regionNodeSchema).optional(),
    })
    .strict(),
);

/** A region as stored: flattened with its materialized path for subtree queries. */
export interface FlatRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Codes from the root down to this region, each followed by "/": prefix match selects a subtree. */
  path: string;
  area: 'urban' | 'rural' | null;
  residents: number | null;
  policy?: Record<string, unknown>;
}

/** Structural rules a schema cannot say: levels descend one at a time, codes nest, villages have an area. */
export function structuralProblems(node: RegionNode, parent?: RegionNode): { code: string; field: string; rule: string }[] {
  const problems: { code: string; field: string; rule: string }[] = [];
  const levelIndex = REGION_LEVELS.indexOf(node.level);
  if (node.code.length !== CODE_LENGTH[node.level]) {
    problems.push({ code: node.code, field: 'code', rule: `a ${node.level} code has ${CODE_LENGTH[node.level]} digits` });
  }
  if (parent) {
    if (REGION_LEVELS.indexOf(parent.level) !== levelIndex - 1) {
      problems.push({ code: node.code, field: 'level', rule: `a ${node.level} cannot sit directly under a ${parent.level}` });
    }
    const prefix = parent.code.slice(0, SIGNIFICANT[parent.level]);
    if (!node.code.startsWith(prefix)) {
      problems.push({ code: node.code, field: 'code', rule: `must start with its parent's code ${prefix}` });
    }
  } else if (node.level !== 'province') {
    problems.push({ code: node.code, field: 'level', rule: 'a region file starts at a province' });
  }
  if (node.level === 'village' && !node.area) {
    problems.push({ code: node.code, field: 'area', rule: 'a village or community must say urban or rural' });
  }
  for (const child of node.children ?? []) problems.push(...structuralProblems(child, node));
  return problems;
}

/** Flattens a tree into rows with materialized paths, parents first. */
export function flatten(node: RegionNode, parent?: FlatRegion): FlatRegion[] {
  const flat: FlatRegion = {
    code: node.code,
    name: node.name,
    level: node.level,
    parentCode: parent?.code ?? null,
    path: `${parent?.path ?? ''}${node.code}/`,
    area: node.area ?? null,
    residents: node.residents ?? null,
    policy: node.policy,
  };
  return [flat, ...(node.children ?? []).flatMap((child) => flatten(child, flat))];
}
