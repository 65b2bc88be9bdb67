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

/** What is wrong at one seq. */
export type ChainBreak = 'hash_mismatch' | 'broken_link' | 'gap' | 'anchor_mismatch' | 'truncated';

/** One broken place of the chain. */
export interface BreakAt {
  seq: number;
  reason: ChainBreak;
}

/** At most this many breaks are listed (`breakCount` still counts them all). */
export const MAX_LISTED_BREAKS = 1000;

/**
 * The outcome of verification: the number of entries checked, or every break found (in seq order; the first one is
 * repeated as `firstBrokenSeq`/`reason`). Verification never stops at a break, so tampering after an entry that no
 * longer verifies is still reported.
 */
export type VerifyResult =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; firstBrokenSeq: number; reason: ChainBreak; breaks: BreakAt[]; breakCount: number };

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

const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/**
 * A value as the database gives it back: lone UTF-16 surrogates (UTF-8 cannot encode them) and NUL (PostgreSQL text
 * and jsonb refuse it) become U+FFFD in every string and object key. The log hashes and stores this form, so an entry
 * verifies after a round trip whatever a caller passed in.
 */
export function storedForm<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((x: unknown) => storedForm(x)) as T;
  const v = 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value;
  if (v === null || typeof v !== 'object') return storedForm(v) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [storedForm(k), storedForm(x)])) as T;
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

/** The hash functions the chain may use (AUDIT_HASH): SHA-256 by default, SM3 for a 国密 deployment. */
export type ChainHashAlgorithm = 'sha256' | 'sm3';
let newEntries: ChainHashAlgorithm = 'sha256';

/** Chooses the hash of entries appended from now on (set once at startup by useFieldKeyring). */
export function useChainHash(algorithm: ChainHashAlgorithm): void {
  newEntries = algorithm;
}

/** `H(prevHash + canonical(entry))`, hex (64 characters for both SHA-256 and SM3); H defaults to the chosen one. */
export function chainHash(prevHash: string, e: ChainedFields, algorithm: ChainHashAlgorithm = newEntries): string {
  return createHash(algorithm).update(prevHash).update(canonicalEntry(e)).digest('hex');
}

/**
 * Verification's hash: an entry verifies under either algorithm, so a deployment that switches AUDIT_HASH keeps its
 * older entries verifiable (entries are never rewritten). Forging one still needs a second preimage of SHA-256 or SM3.
 */
function eitherHash(prevHash: string, e: ChainedFields, stored?: string): string {
  const preferred = chainHash(prevHash, e);
  if (stored === undefined || preferred === stored) return preferred;
  const other = chainHash(prevHash, e, newEntries === 'sha256' ? 'sm3' : 'sha256');
  return other === stored ? other : preferred;
}

/**
 * Checks entries fed in ascending seq order, one at a time (so a long log is verified in batches), and collects every
 * break, one per seq: a missing seq is a `gap` at the first missing seq; a prevHash that is not the previous entry's
 * hash is a `broken_link`; a stored hash that is not the recomputed one is a `hash_mismatch`. After a break the check
 * goes on from the stored hash, so one edited entry is one break and later tampering is still found.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private readonly breaks: BreakAt[] = [];
  /** Hash of every seq an anchor names, collected while streaming. */
  private readonly watched = new Map<number, string>();

  constructor(private readonly anchorSeqs: ReadonlySet<number> = new Set()) {}

  private hash(prevHash: string, e: StoredEntry): string {
    return eitherHash(prevHash, e, e.hash);
  }

  /** Returns the break at this entry, or null when it extends the chain. */
  next(e: StoredEntry): BreakAt | null {
    let broken: BreakAt | null = null;
    if (e.seq !== this.expectedSeq) broken = { seq: Math.min(e.seq, this.expectedSeq), reason: 'gap' };
    else if (e.prevHash !== this.prevHash) broken = { seq: e.seq, reason: 'broken_link' };
    else if (this.hash(e.prevHash, e) !== e.hash) broken = { seq: e.seq, reason: 'hash_mismatch' };
    if (broken) this.breaks.push(broken);
    // After a gap the link cannot be checked, but the entry's own hash still can.
    if (broken?.reason === 'gap' && this.hash(e.prevHash, e) !== e.hash) this.breaks.push({ seq: e.seq, reason: 'hash_mismatch' });
    if (this.anchorSeqs.has(e.seq)) this.watched.set(e.seq, e.hash);
    this.expectedSeq = Math.max(this.expectedSeq, e.seq + 1);
    this.prevHash = e.hash;
    return broken;
  }

  /** After the last entry: every anchor (and the head row, when given) must name an entry of the chain as verified. */
  finish(anchors: readonly { seq: number; hash: string }[], head?: { seq: number; hash: string }): VerifyResult {
    const last = this.expectedSeq - 1;
    const claims = head ? [...anchors, head] : anchors;
    const sorted = [...claims].sort((a, b) => a.seq - b.seq);
    for (const a of sorted) {
      if (a.seq > last) {
        this.breaks.push({ seq: last + 1, reason: 'truncated' });
        break;
      }
      const seen = a === head ? (a.seq === last ? this.prevHash : undefined) : this.watched.get(a.seq);
      if (a.seq > 0 && seen !== a.hash) this.breaks.push({ seq: a.seq, reason: 'anchor_mismatch' });
    }
    if (this.breaks.length === 0) return { ok: true, entries: last, headHash: this.prevHash };
    const unique = [...new Map(this.breaks.map((b) => [`${b.seq}:${b.reason}`, b])).values()];
    const ordered = unique.sort((a, b) => a.seq - b.seq);
    const first = ordered[0]!;
    return { ok: false, firstBrokenSeq: first.seq, reason: first.reason, breaks: ordered.slice(0, MAX_LISTED_BREAKS), breakCount: ordered.length };
  }
}
