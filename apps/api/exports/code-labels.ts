import { LABELS } from '../../web/src/i18n/labels';

/**
 * The Chinese names of the codes an exported list shows: the console's own dictionary (apps/web/src/i18n/labels.ts,
 * pure data, checked against the back end's code lists by test/web/labels.test.ts), so a workbook and a screen name a
 * code the same way and never show the code itself.
 */
export const TASK_STEP_LABELS: Record<string, string> = LABELS.step;
export const CASE_TYPE_LABELS: Record<string, string> = LABELS.caseType;
export const STATUS_LABELS: Record<string, string> = LABELS.status;

/** A code's label, or the neutral word the console also shows for a code it does not know. */
export function labelOf(table: Record<string, string>, code: string | null | undefined): string {
  if (code == null || code === '') return '';
  return table[code] ?? '(未知)';
}

/** 2026-12-07 15:04 in Asia/Shanghai, as a bureau reads a time. */
export function shanghaiDateTime(at: Date | string | null | undefined): string {
  if (at == null) return '';
  const d = new Date(new Date(at).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
