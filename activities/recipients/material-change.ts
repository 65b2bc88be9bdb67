import type { CheckFlag } from '../departments/check-report';

/** Flags about assets and the household itself: any of them calls for a re-review whatever the income. */
const ASSET_FLAGS: ReadonlySet<CheckFlag> = new Set(['business_registered', 'deposits_above_limit', 'extra_property', 'registry_mismatch', 'vehicle_owned']);

/** The smallest income difference that counts, fen per month (100 yuan): rounding and small side jobs do not. */
export const MATERIAL_INCOME_FLOOR_FEN = 10_000;

/**
 * Whether a periodic economic re-check found a material change: the income the departments know differs from the
 * assessed income by more than a tenth of it and by more than MATERIAL_INCOME_FLOOR_FEN, or an asset flag was
 * raised. Integer fen; pure.
 */
export function isMaterialChange(incomeFoundFen: number, assessedIncomeFen: number, flags: readonly string[]): boolean {
  if (flags.some((f) => ASSET_FLAGS.has(f as CheckFlag))) return true;
  const difference = Math.abs(incomeFoundFen - assessedIncomeFen);
  return difference > MATERIAL_INCOME_FLOOR_FEN && difference * 10 > assessedIncomeFen;
}
