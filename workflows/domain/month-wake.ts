/**
 * When a recipient household wakes for its month. If every household woke at 00:00 on the 1st, a district's
 * thousands of workflows would all hit the worker and the database in the same second and drain slowly through lock
 * waits; each household instead wakes at a fixed offset within the first half hour of the 1st, derived from its id
 * (the same offset every month, so its history stays predictable).
 */
export const MONTH_WAKE_SPREAD_MS = 30 * 60_000;

/** The household's offset after the start of a month, in [0, MONTH_WAKE_SPREAD_MS), by FNV-1a of its id. */
export function monthWakeOffsetMs(householdId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < householdId.length; i++) {
    h ^= householdId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % MONTH_WAKE_SPREAD_MS;
}
