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

/**
 * The county's running tally for a period: how many cases reached the sampling point and how many were sampled.
 * `quotaDraw` decides the next case so that the floor holds after every case, not only on average: 不低于30% means
 * no county may end a period (or be looked at midway through one) below the rate.
 */
export interface SampleTally {
  cases: number;
  sampled: number;
}

/**
 * Draws the next case against the floor: it is sampled when the lottery (the per-case hash at the rate) picks it, or
 * when without it the sampled share of the cases so far would fall below the rate. Integers only: the rate in basis
 * points, the floor ceil(rate × cases). Whoever prepares a case cannot tell whether it will be sampled unless the
 * county is already at its floor, which only the county sees.
 */
export function quotaDraw(tally: SampleTally, caseId: string, rate: number): { sampled: boolean; tally: SampleTally } {
  const lottery = isSampled(caseId, rate);
  const cases = tally.cases + 1;
  const basisPoints = Math.round(rate * 10_000);
  const floor = Math.ceil((basisPoints * cases) / 10_000);
  const sampled = lottery || tally.sampled < floor;
  return { sampled, tally: { cases, sampled: tally.sampled + (sampled ? 1 : 0) } };
}
