import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { PAYMENT_REASON_CODES } from './payment.entity';

/**
 * The bank's result file (回盘文件) for a released run, as the platform defines it (README "Bank result file"):
 * UTF-8 CSV, a header row naming the columns `reference,result,reason_code,amount_fen,value_date` in any order, then
 * one line per payment. `reference` is the payment id written in the bank file (or the payment's idempotency key);
 * `result` is paid, failed or returned; `reason_code` is required for failed and returned; `amount_fen` is integer
 * fen and must equal the payment's amount; `value_date` is YYYY-MM-DD.
 */
export const RESULT_COLUMNS = ['reference', 'result', 'reason_code', 'amount_fen', 'value_date'] as const;

export const BANK_RESULTS = ['paid', 'failed', 'returned'] as const;
export type BankResult = (typeof BANK_RESULTS)[number];

/** Reason codes a bank may give (no_bank_account is the platform's own hold, never the bank's). */
const BANK_REASONS = PAYMENT_REASON_CODES.filter((c) => c !== 'no_bank_account') as [string, ...string[]];

const lineSchema = z
  .object({
    /** Payment ids and keys are visible ASCII; anything else names no payment (and never reaches a query). */
    reference: z.string().regex(/^[\x21-\x7e]{1,160}$/),
    result: z.enum(BANK_RESULTS),
    reason_code: z.union([z.literal(''), z.enum(BANK_REASONS)]),
    amount_fen: z.string().regex(/^\d{1,12}$/),
    value_date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  })
  .refine((l) => (l.result === 'paid') === (l.reason_code === ''), { path: ['reason_code'] });

/** Every code a refused line can carry (the console labels each). Stored in imports: never rename. */
export const RESULT_LINE_CODES = [
  'unknown_reference',
  'amount_mismatch',
  'status_conflict',
  ...RESULT_COLUMNS.map((c) => `invalid_${c}` as const),
  'invalid_line',
] as const;

export interface ResultLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  reference: string;
  result: BankResult;
  reasonCode: string | null;
  amountFen: number;
  valueDate: string;
}

/** A line that does not follow the format: its number, what it named and the rule (invalid_<column>). */
export interface MalformedLine {
  line: number;
  reference: string;
  code: string;
}

/** A file whose header does not name the columns; the caller answers 422 naming the rule. */
export class ResultFileFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultFileFormatError';
  }
}

/** Hex SHA-256 of the file's bytes: the same file imported twice is recognised by it. */
export function resultFileHash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Parses the file with csv-parse; well-formed lines come back typed, the others with the column that broke the rule. */
export function parseResultFile(content: Buffer): { lines: ResultLine[]; malformed: MalformedLine[] } {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new ResultFileFormatError(`the file is not CSV: ${(err as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const missing = RESULT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ResultFileFormatError(`the first row must name the columns ${RESULT_COLUMNS.join(',')} (missing ${missing.join(',')})`);
  const lines: ResultLine[] = [];
  const malformed: MalformedLine[] = [];
  records.slice(1).forEach((cells, i) => {
    const raw = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, cells[header.indexOf(c)] ?? '']));
    const parsed = lineSchema.safeParse(raw);
    const line = i + 2;
    if (!parsed.success) {
      malformed.push({ line, reference: String(raw.reference).replace(/[^\x20-\x7e]/g, '?').slice(0, 160), code: `invalid_${String(parsed.error.issues[0]?.path[0] ?? 'line')}` });
      return;
    }
    const l = parsed.data;
    lines.push({ line, reference: l.reference, result: l.result, reasonCode: l.reason_code || null, amountFen: Number(l.amount_fen), valueDate: l.value_date });
  });
  return { lines, malformed };
}
