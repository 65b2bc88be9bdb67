/** Payment-run calls; payees and totals by township are contract 7 (null when the route is not there yet). */
import { api } from './client';
import { missingRoute } from './inbox';

export interface Totals {
  byTownship: { code: string; name: string; count: number; amountFen: number }[];
  count: number;
  amountFen: number;
  missingAccounts: number;
}

export async function runTotals(id: string): Promise<Totals | null> {
  try {
    return await api('GET', `/api/payments/runs/${id}/totals`);
  } catch (err) {
    if (missingRoute(err)) return null;
    throw err;
  }
}

export async function runPayees(id: string, cursor?: string): Promise<{ items: any[]; nextCursor: string | null } | null> {
  try {
    return await api('GET', `/api/payments/runs/${id}/payees?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  } catch (err) {
    if (missingRoute(err)) return null;
    throw err;
  }
}
