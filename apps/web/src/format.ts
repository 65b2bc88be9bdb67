/**
 * How the console writes dates, deadlines and money: always in Asia/Shanghai, deadlines the way the written notice
 * writes them (a deadline at midnight is the end of the day before: 12月7日24时), money from integer fen to yuan.
 * Pure functions, no Vue: unit-tested directly.
 */
const ZONE = 'Asia/Shanghai';

function parts(at: string | number | Date): Record<string, number> {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(at))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** 2026年12月7日 */
export function formatDate(at: string | number | Date | null | undefined): string {
  if (at == null || at === '') return '';
  const p = parts(at);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** 2026年12月7日 15:04 */
export function formatDateTime(at: string | number | Date | null | undefined): string {
  if (at == null || at === '') return '';
  const p = parts(at);
  return `${p.year}年${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** A deadline as the notice writes it: midnight is 24时 of the previous day; other times are 日H时(M分). */
export function formatDeadline(at: string | number | Date | null | undefined): string {
  if (at == null || at === '') return '';
  const p = parts(at);
  if (p.hour === 0 && p.minute === 0) {
    const before = parts(new Date(new Date(at).getTime() - 60_000));
    return `${before.month}月${before.day}日24时`;
  }
  return `${p.month}月${p.day}日${p.hour}时${p.minute ? `${p.minute}分` : ''}`;
}

/** A month as the notice writes it: "2026-05" → "2026年5月". */
export function formatMonth(month: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  return m ? `${m[1]}年${Number(m[2])}月` : '';
}

/** Integer fen as yuan with two decimals: 123450 → "1234.50". */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen == null) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan typed by a person (up to two decimals) as integer fen; null when it is not an amount. */
export function yuanToFen(text: string | number | null | undefined): number | null {
  const s = String(text ?? '').trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Whole hours from now until `at` (negative when past). */
export function hoursLeft(at: string | number | Date, now = Date.now()): number {
  const ms = new Date(at).getTime() - now;
  return ms >= 0 ? Math.floor(ms / 3_600_000) : -Math.ceil(-ms / 3_600_000);
}
