/**
 * The county's sampled home visits (抽查入户): at least 30% of cases in the seeds.
 *
 * Deterministic per case: the same application id and rate always give the same answer, so a replay, a dry run and
 * an auditor all agree on whether a case was sampled. FNV-1a over the id spreads sequential ids evenly.
 */

/** A 32-bit FNV-1a hash of a string, as an unsigned integer. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Whether a case is in the county's sample at the given rate (0..1). */
export function isSampled(caseId: string, rate: number): boolean {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`sampling rate must be within 0..1, got ${rate}`);
  if (rate === 0) return false;
  if (rate === 1) return true;
  return fnv1a(`sample:${caseId}`) % 10_000 < Math.round(rate * 10_000);
}
