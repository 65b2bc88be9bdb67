import type { PolicyLayer } from './resolve';

/**
 * Reading policies as administrators do: where each effective value comes from, and what changed between two
 * versions. Pure functions over plain JSON documents.
 */

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Leaf values by dotted path ("approval.samplingRate" → 0.3); arrays and scalars are leaves. */
export function leaves(doc: Json, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && Object.keys(value).length > 0) for (const [p, v] of leaves(value, path)) out.set(p, v);
    else out.set(path, value);
  }
  return out;
}

export interface Provenance {
  field: string;
  value: unknown;
  /** "national", or the code of the region whose version set it. */
  source: string;
  sourceName: string;
  version: number;
  /** set here (the region asked about), inherited from an ancestor, or the national default. */
  origin: 'here' | 'inherited' | 'national';
}

/** For every field of the effective document, the layer that set it (the last one, national first). */
export function provenance(document: Json, layers: readonly PolicyLayer[], here: string): Provenance[] {
  const byLayer = layers.map((l) => ({ layer: l, set: leaves(l.override) }));
  return [...leaves(document)].map(([field, value]) => {
    const owner = [...byLayer].reverse().find(({ set }) => [...set.keys()].some((k) => k === field || field.startsWith(`${k}.`)))?.layer ?? layers[0];
    const origin = owner.scope === here ? 'here' : owner.scope === 'national' ? 'national' : 'inherited';
    return { field, value, source: owner.scope, sourceName: owner.name, version: owner.version, origin };
  });
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Fields that differ between two documents (added, removed or changed), sorted by field. */
export function diffDocuments(a: Json, b: Json): FieldChange[] {
  const left = leaves(a);
  const right = leaves(b);
  const fields = [...new Set([...left.keys(), ...right.keys()])].sort();
  return fields
    .filter((f) => JSON.stringify(left.get(f)) !== JSON.stringify(right.get(f)))
    .map((field) => ({ field, from: left.get(field) ?? null, to: right.get(field) ?? null }));
}

/** The value at a dotted path, for error messages that quote what was given. */
export function valueAt(doc: Json, field: string): unknown {
  let node: unknown = doc;
  for (const key of field.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}
