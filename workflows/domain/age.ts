/**
 * Age in whole years on a given ISO date (yyyy-mm-dd): a year is complete on the birthday. Someone born on
 * 29 February is a year older on 1 March of a common year. Plain date arithmetic, shared by every program's age
 * rules (单人保, 分类管理, 特困, adult counts at intake).
 */
export function ageOn(birthDate: string, onIso: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onIso.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
