import { createHash } from 'node:crypto';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of an audit entry, in the fixed order the canonical form uses. */
export interface ChainedFields {
  seq: number;
  at: Date;
  actorId: string;
  actorRole: string;
  regionCode: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** A stored entry as verification reads it. */
export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** Why verification stopped. */
export type ChainBreak = 'hash_mismatch' | 'broken_link' | 'gap' | 'anchor_mismatch' | 'truncated';

/** The outcome of verification: the number of entries checked, or the first broken seq and why. */
export type VerifyResult = { ok: true; entries: number; headHash: string } | { ok: false; firstBrokenSeq: number; reason: ChainBreak };

/**
 * JSON with object keys sorted at every level, `undefined` members dropped and values passed through `toJSON` (dates
 * become ISO strings), so a value hashes the same before storing and after reading it back from either database.
 */
export function canonicalJson(value: unknown): string {
  const v = value !== null && typeof value === 'object' && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value;
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
  if (typeof v === 'object') {
    const members = Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The canonical serialization of an entry: fixed field order, ISO time, canonical JSON for before/after. */
export function canonicalEntry(e: ChainedFields): string {
  return canonicalJson([
    e.seq,
    e.at.toISOString(),
    e.actorId,
    e.actorRole,
    e.regionCode,
    e.action,
    e.targetType,
    e.targetId,
    e.before ?? null,
    e.after ?? null,
    e.reason ?? null,
  ]);
}

/** `sha256(prevHash + canonical(entry))`, hex. */
export function chainHash(prevHash: string, e: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(e)).digest('hex');
}

/**
 * Checks entries fed in ascending seq order, one at a time (so a long log is verified in batches). The first problem
 * wins: a missing seq is a `gap` at the missing seq; a prevHash that is not the previous entry's hash is a
 * `broken_link`; a stored hash that is not the recomputed one is a `hash_mismatch`.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  /** Hash of every seq an anchor names, collected while streaming. */
  private readonly watched = new Map<number, string>();

  constructor(private readonly anchorSeqs: ReadonlySet<number> = new Set()) {}

  /** Returns the break at this entry, or null when it extends the chain. */
  next(e: StoredEntry): { firstBrokenSeq: number; reason: ChainBreak } | null {
    if (e.seq !== this.expectedSeq) return { firstBrokenSeq: Math.min(e.seq, this.expectedSeq), reason: 'gap' };
    if (e.prevHash !== this.prevHash) return { firstBrokenSeq: e.seq, reason: 'broken_link' };
    if (chainHash(e.prevHash, e) !== e.hash) return { firstBrokenSeq: e.seq, reason: 'hash_mismatch' };
    if (this.anchorSeqs.has(e.seq)) this.watched.set(e.seq, e.hash);
    this.expectedSeq += 1;
    this.prevHash = e.hash;
    return null;
  }

  /** After the last entry: every anchor (and the head row, when given) must name an entry of the chain as verified. */
  finish(anchors: readonly { seq: number; hash: string }[], head?: { seq: number; hash: string }): VerifyResult {
    const last = this.expectedSeq - 1;
    const claims = head ? [...anchors, head] : anchors;
    const sorted = [...claims].sort((a, b) => a.seq - b.seq);
    for (const a of sorted) {
      if (a.seq > last) return { ok: false, firstBrokenSeq: last + 1, reason: 'truncated' };
      const seen = a === head ? (a.seq === last ? this.prevHash : undefined) : this.watched.get(a.seq);
      if (a.seq > 0 && seen !== a.hash) return { ok: false, firstBrokenSeq: a.seq, reason: 'anchor_mismatch' };
    }
    return { ok: true, entries: last, headHash: this.prevHash };
  }
}
