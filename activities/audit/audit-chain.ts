import { createHash } from 'node:crypto';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain of every entry written before the log was split into chains (one per county). */
export const LEGACY_CHAIN = 'legacy';

/**
 * The chain an entry joins: its county (the first six digits of the region code; a province or city code is its own
 * chain). Appends to different chains never wait for each other, so one county's work does not serialize the
 * installation's; each chain is verified on its own, and a case's entries stay in its county's chain.
 */
export function chainOf(regionCode: string): string {
  return /^\d{2,12}$/.test(regionCode) ? regionCode.slice(0, 6) : 'other';
}

/** The hashed content of an audit entry, in the fixed order the canonical form uses. */
export interface ChainedFields {
  /** Unique across the log. */
  seq: number;
  /** The entry's chain and place in it; absent or `legacy` for entries written before the split. */
  chain?: string;
  link?: number;
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

/** One broken place: the chain and the link (the place in that chain) where it is. */
export interface BreakAt {
  chain: string;
  seq: number;
  reason: ChainBreak;
}

/** At most this many breaks are listed (`breakCount` still counts them all). */
export const MAX_LISTED_BREAKS = 1000;

/**
 * The outcome of verification: the number of entries and chains checked (`headHash` digests every chain's head), or
 * every break found (by chain, then link; the first one is repeated as `firstBrokenChain`/`firstBrokenSeq`/`reason`).
 * Verification never stops at a break, so tampering after an entry that no longer verifies is still reported.
 */
export type VerifyResult =
  | { ok: true; entries: number; chains: number; headHash: string }
  | { ok: false; firstBrokenChain: string; firstBrokenSeq: number; reason: ChainBreak; breaks: BreakAt[]; breakCount: number };

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

/**
 * The canonical serialization of an entry: fixed field order, ISO time, canonical JSON for before/after; an entry of a
 * county chain also covers its chain and link (a legacy entry's form is what it was hashed with when written).
 */
export function canonicalEntry(e: ChainedFields): string {
  const place = e.chain !== undefined && e.chain !== LEGACY_CHAIN ? [e.chain, e.link ?? 0] : [];
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
    ...place,
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
 * Checks one chain's entries fed in ascending link order, one at a time (so a long chain is verified in batches), and
 * collects every break, one per link: a missing link is a `gap` at the first missing one; a prevHash that is not the
 * previous entry's hash is a `broken_link`; a stored hash that is not the recomputed one is a `hash_mismatch`. After a
 * break the check goes on from the stored hash, so one edited entry is one break and later tampering is still found.
 * (`seq` in breaks and anchors is the link: for the legacy chain it is the entry's seq.)
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private readonly breaks: BreakAt[] = [];
  /** Hash of every seq an anchor names, collected while streaming. */
  private readonly watched = new Map<number, string>();

  constructor(
    private readonly anchorSeqs: ReadonlySet<number> = new Set(),
    readonly chain: string = LEGACY_CHAIN,
  ) {}

  private hash(prevHash: string, e: StoredEntry): string {
    return eitherHash(prevHash, e, e.hash);
  }

  /** Returns the break at this entry, or null when it extends the chain. */
  next(e: StoredEntry): BreakAt | null {
    const chain = this.chain;
    const link = e.chain === undefined || e.chain === LEGACY_CHAIN ? e.seq : (e.link ?? 0);
    let broken: BreakAt | null = null;
    if (link !== this.expectedSeq) broken = { chain, seq: Math.min(link, this.expectedSeq), reason: 'gap' };
    else if (e.prevHash !== this.prevHash) broken = { chain, seq: link, reason: 'broken_link' };
    else if (this.hash(e.prevHash, e) !== e.hash) broken = { chain, seq: link, reason: 'hash_mismatch' };
    if (broken) this.breaks.push(broken);
    // After a gap the link cannot be checked, but the entry's own hash still can.
    if (broken?.reason === 'gap' && this.hash(e.prevHash, e) !== e.hash) this.breaks.push({ chain, seq: link, reason: 'hash_mismatch' });
    if (this.anchorSeqs.has(link)) this.watched.set(link, e.hash);
    this.expectedSeq = Math.max(this.expectedSeq, link + 1);
    this.prevHash = e.hash;
    return broken;
  }

  /** After the last entry: every anchor (and the head row, when given) must name an entry of the chain as verified. */
  finish(anchors: readonly { seq: number; hash: string }[], head?: { seq: number; hash: string }): ChainOutcome {
    const last = this.expectedSeq - 1;
    const claims = head ? [...anchors, head] : anchors;
    const sorted = [...claims].sort((a, b) => a.seq - b.seq);
    for (const a of sorted) {
      if (a.seq > last) {
        this.breaks.push({ chain: this.chain, seq: last + 1, reason: 'truncated' });
        break;
      }
      const seen = a === head ? (a.seq === last ? this.prevHash : undefined) : this.watched.get(a.seq);
      if (a.seq > 0 && seen !== a.hash) this.breaks.push({ chain: this.chain, seq: a.seq, reason: 'anchor_mismatch' });
    }
    const unique = [...new Map(this.breaks.map((b) => [`${b.seq}:${b.reason}`, b])).values()];
    return { chain: this.chain, entries: last, headHash: this.prevHash, breaks: unique.sort((a, b) => a.seq - b.seq) };
  }
}

/** One chain's verification: its length, last hash and breaks (in link order). */
export interface ChainOutcome {
  chain: string;
  entries: number;
  headHash: string;
  breaks: BreakAt[];
}

/** The log's result from every chain's outcome (chains in name order). */
export function combineChains(outcomes: readonly ChainOutcome[]): VerifyResult {
  const sorted = [...outcomes].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  const breaks = sorted.flatMap((o) => o.breaks);
  if (breaks.length === 0) {
    const heads = createHash('sha256');
    for (const o of sorted) heads.update(`${o.chain}:${o.entries}:${o.headHash}\n`);
    return { ok: true, entries: sorted.reduce((n, o) => n + o.entries, 0), chains: sorted.length, headHash: heads.digest('hex') };
  }
  const first = breaks[0]!;
  return { ok: false, firstBrokenChain: first.chain, firstBrokenSeq: first.seq, reason: first.reason, breaks: breaks.slice(0, MAX_LISTED_BREAKS), breakCount: breaks.length };
}
