/** Money is integer fen everywhere; these helpers only present it, for every program's notices and screens. */

/** Formats fen as yuan for display only (never for arithmetic). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
