/**
 * Inbox calls. Summary, take-next and bulk claims are newer routes (contracts 1-3): when the API answers 404 for the route itself
 * (no error body, or Nest's "Cannot GET") the route does not exist yet, and the screen hides what depends on it (bulk claim falls back to
 * one claim per task).
 */
import { api, ApiError } from './client';

export interface InboxItem {
  id: string;
  caseType: string;
  caseId: string;
  caseNo: string;
  step: string;
  regionCode: string;
  regionName?: string;
  status: string;
  rank: number;
  urgent: boolean;
  overdue: boolean;
  atRisk: boolean;
  remainingHours: number | null;
  assigneeId: string | null;
  claimedBy?: { userId: string; displayName: string } | null;
  /** AB岗: the absent colleague whose claimed task you may decide today. */
  actingFor?: { userId: string; displayName: string } | null;
  dueAt: string;
  dueWarning: string | null;
}

export interface SummaryRow {
  caseType: string;
  step: string;
  open: number;
  overdue: number;
  atRisk: number;
  urgent: number;
  claimedByMe: number;
}

/** The route is not on this server (Nest's own 404 "Cannot GET …"), as opposed to a 404 about a record. */
export const missingRoute = (err: unknown) => err instanceof ApiError && err.status === 404 && (!err.hasBody || /^Cannot (GET|POST|PUT|DELETE)/.test(err.message));

export function listInbox(query: Record<string, string | number | boolean | undefined>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== false) params.set(k, String(v));
  return api<{ items: InboxItem[]; total: number; totalIsExact: boolean; page: number }>('GET', `/api/inbox?${params}`);
}

/**
 * Counts by step (contract 1). Until that route exists, the counts are made from the first 100 open tasks, and
 * `partial` says so when there are more.
 */
export async function inboxSummary(): Promise<{ byStep: SummaryRow[]; total: number; partial?: boolean }> {
  try {
    return await api('GET', '/api/inbox/summary');
  } catch (err) {
    if (!missingRoute(err)) throw err;
  }
  const page = await listInbox({ status: 'open', pageSize: 100 });
  const rows = new Map<string, SummaryRow>();
  for (const t of page.items) {
    const row = rows.get(t.step) ?? { caseType: t.caseType, step: t.step, open: 0, overdue: 0, atRisk: 0, urgent: 0, claimedByMe: 0 };
    row.open++;
    if (t.overdue) row.overdue++;
    else if (t.atRisk) row.atRisk++;
    if (t.urgent) row.urgent++;
    rows.set(t.step, row);
  }
  return { byStep: [...rows.values()], total: page.total, partial: page.total > page.items.length };
}

export function takeNext() {
  return api<{ id: string }>('POST', '/api/inbox/take-next', {});
}

export async function claimMany(taskIds: string[]): Promise<{ taskId: string; ok: boolean; code?: string }[]> {
  try {
    return (await api<{ results: { taskId: string; ok: boolean; code?: string }[] }>('POST', '/api/inbox/claims', { taskIds })).results;
  } catch (err) {
    if (!missingRoute(err)) throw err;
  }
  const results = [];
  for (const taskId of taskIds) {
    try {
      await api('POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`);
      results.push({ taskId, ok: true });
    } catch (e) {
      results.push({ taskId, ok: false, code: e instanceof ApiError ? e.code : 'unavailable' });
    }
  }
  return results;
}
