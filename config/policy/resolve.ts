import { createHash } from 'node:crypto';
import { ConfigValidationError, type ConfigIssue } from '../config-error';
import { regionPolicySchema, type CasePolicy, type PolicyDocument, type RegionPolicy } from './policy.schema';
import { caseDocument, liftPolicy } from './policy-shape';

/**
 * Policy inheritance: the national defaults, then each ancestor region's override, then the region's own, merged
 * field by field (objects merge, values replace). The result is validated whole; an error is attributed to the layer
 * that set the offending field, so it names the region that has to change.
 */

/** One versioned override in the chain. */
export interface PolicyLayer {
  /** "national" or a region code. */
  scope: string;
  /** Shown in errors and labels, e.g. "220103 宽城区". */
  name: string;
  version: number;
  override: Record<string, unknown>;
  /** The stored version row, when the layer comes from the database. */
  versionId?: string;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of an override onto a base: nested objects merge, everything else replaces. */
export function mergeOverride(base: Json, override: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = isPlainObject(value) && isPlainObject(base[key]) ? mergeOverride(base[key] as Json, value) : value;
  }
  return merged;
}

function sets(override: Json, path: readonly PropertyKey[]): boolean {
  let node: unknown = override;
  for (const key of path) {
    if (!isPlainObject(node) || !(String(key) in node)) return false;
    node = node[String(key)];
  }
  return true;
}

/** Canonical JSON (sorted keys), so equal documents hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Content hash of an effective policy document: the id of its snapshot. */
export function policySnapshotId(document: RegionPolicy): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex').slice(0, 16);
}

/** The layers with their overrides in the sectioned shape (stored versions may predate the split). */
export function liftLayers(layers: readonly PolicyLayer[]): PolicyLayer[] {
  return layers.map((l) => ({ ...l, override: liftPolicy(l.override) }));
}

/**
 * Resolves and validates the effective policy of the last layer's region, by section. Layers run from national down;
 * each may be written in either shape. Errors name sectioned fields ("common.approval.samplingRate").
 */
export function resolveSections(layers: readonly PolicyLayer[]): PolicyDocument {
  if (layers.length === 0) throw new Error('a policy needs at least the national layer');
  const lifted = liftLayers(layers);
  const merged = lifted.reduce<Json>((acc, layer) => mergeOverride(acc, layer.override), {});
  const parsed = regionPolicySchema.safeParse(merged);
  if (!parsed.success) {
    const issues: ConfigIssue[] = parsed.error.issues.flatMap((issue) => {
      // An unknown key is reported at its parent object's path: attribute each key to the layer that wrote it.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
      return paths.map((path) => {
        const owner = [...lifted].reverse().find((l) => sets(l.override, path)) ?? lifted[lifted.length - 1];
        const rule = issue.code === 'unrecognized_keys' ? `Unrecognized key: "${String(path[path.length - 1])}"` : issue.message;
        return { scope: `${owner.name} (${owner.scope} v${owner.version})`, field: path.map(String).join('.'), rule };
      });
    });
    throw new ConfigValidationError(issues);
  }
  return parsed.data;
}

/** The label of a chain of layers, the region's own first: "220103 v1 · 220100 v1 · national v1". */
export function layersLabel(layers: readonly PolicyLayer[]): string {
  return [...layers]
    .reverse()
    .map((l) => `${l.scope} v${l.version}`)
    .join(' · ');
}

/** Resolves the effective policy as a case records it: the flat document and the snapshot id that names it. */
export function resolvePolicy(layers: readonly PolicyLayer[]): CasePolicy {
  const document = caseDocument(resolveSections(layers));
  return { snapshotId: policySnapshotId(document), label: layersLabel(layers), document };
}
