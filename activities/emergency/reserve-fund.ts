/**
 * Ledger rules of a township's reserve fund (备用金) for 先行救助: one ledger per township and year, funded by the
 * region's amount per registered resident plus county top-ups, drawn by emergency payments. Pure, integer fen only.
 */

/** One entry of the ledger: funding and top-ups are positive, payments and recoveries' reversals negative. */
export interface ReserveMovementLike {
  kind: 'funding' | 'top_up' | 'payment' | 'recovery';
  /** Signed amount in fen. */
  amountFen: number;
}

/** The balance of a ledger: the sum of its movements, in fen. */
export function balanceOf(movements: readonly ReserveMovementLike[]): number {
  let balance = 0;
  for (const m of movements) {
    requireFen(m.amountFen, 'amountFen');
    balance += m.amountFen;
  }
  return balance;
}

/** The annual funding of a township: registered residents × the region's amount per resident. */
export function annualFunding(residents: number, perResidentFen: number): number {
  if (!Number.isSafeInteger(residents) || residents < 0) throw new RangeError(`residents must be a whole number, got ${residents}`);
  requireFen(perResidentFen, 'perResidentFen');
  if (perResidentFen < 0) throw new RangeError(`perResidentFen must not be negative, got ${perResidentFen}`);
  const total = residents * perResidentFen;
  requireFen(total, 'annual funding');
  return total;
}

/** Whether a payment keeps the fund at or above zero. */
export function canPay(balanceFen: number, amountFen: number): boolean {
  requireFen(balanceFen, 'balanceFen');
  requireFen(amountFen, 'amountFen');
  if (amountFen <= 0) throw new RangeError(`amountFen must be positive, got ${amountFen}`);
  return balanceFen - amountFen >= 0;
}

function requireFen(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer number of fen, got ${value}`);
}
