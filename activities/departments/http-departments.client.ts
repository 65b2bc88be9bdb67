import {
  DepartmentProtocolError,
  DepartmentUnavailableError,
  departmentErrorResponseSchema,
  departmentQueryResponseSchema,
  type DepartmentRecord,
  type DepartmentSource,
  type DepartmentsPort,
} from './departments.port';
import { redactIdNumbers } from './id-number';

export interface HttpDepartmentsClientOptions {
  /** Where the departments' gateway (or the sandbox) answers, e.g. "http://127.0.0.1:7300". */
  baseUrl: string;
  /** Limit for one whole exchange (connect, send, read the body), in milliseconds. Default 10 000. */
  timeoutMs?: number;
}

export const DEFAULT_DEPARTMENT_TIMEOUT_MS = 10_000;

/**
 * DepartmentsPort over HTTP (protocol in departments.port.ts). ID numbers travel only in the request body, never in
 * the URL, a log line or an error message. Every 200 answer is validated against the schema and checked to be about
 * the asked source and people, so a misbehaving department cannot slip other people's data into a report.
 */
export class HttpDepartmentsClient implements DepartmentsPort {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: HttpDepartmentsClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DEPARTMENT_TIMEOUT_MS;
    if (!Number.isInteger(this.timeoutMs) || this.timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive integer');
  }

  /**
   * One POST for all the given people. Duplicates are sent once; with nobody to ask, no request is made.
   * @throws DepartmentUnavailableError on network failure, timeout, 5xx or 429 (retryable)
   * @throws DepartmentProtocolError on 4xx or an answer that breaks the protocol (not retryable)
   */
  async query(source: DepartmentSource, idNumbers: string[]): Promise<DepartmentRecord[]> {
    const asked = [...new Set(idNumbers)];
    if (asked.length === 0) return [];
    const url = `${this.baseUrl}/v1/sources/${encodeURIComponent(source)}/query`;

    let status: number;
    let text: string;
    try {
      // The signal covers reading the body too, so a department that stalls mid-answer is also cut off.
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ idNumbers: asked }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      // Read as text inside the try: a stall while reading is a timeout (retryable), not a malformed answer.
      text = await response.text();
    } catch (error) {
      // Checked by name, not instanceof: the DOMException fetch throws may come from another realm (jest's vm).
      const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : 'network error';
      // The cause (undici's) names host and port at most; the ID numbers were only ever in the body.
      throw new DepartmentUnavailableError(source, undefined, reason, { cause: error });
    }

    if (status >= 500 || status === 429 || status === 408) {
      throw new DepartmentUnavailableError(source, status, 'try again later');
    }
    const body = parseJson(text);
    if (status !== 200) throw refusal(source, status, body);
    return checkedRecords(source, asked, body);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A 4xx (or other non-200) answer as an error, keeping the department's field and rule but no ID number. */
function refusal(source: string, status: number, body: unknown): DepartmentProtocolError {
  const parsed = departmentErrorResponseSchema.safeParse(body);
  if (!parsed.success) return new DepartmentProtocolError(source, status, 'unexpected_answer');
  const { code, field, rule } = parsed.data.error;
  const clean = (s: string | undefined) => (s === undefined ? undefined : redactIdNumbers(s).slice(0, 200));
  return new DepartmentProtocolError(source, status, clean(code) ?? 'unexpected_answer', clean(field), clean(rule));
}

function checkedRecords(source: DepartmentSource, asked: string[], body: unknown): DepartmentRecord[] {
  const parsed = departmentQueryResponseSchema.safeParse(body);
  if (!parsed.success) {
    // zod's path and message name the offending field and rule, not the value in it.
    const issue = parsed.error.issues[0];
    throw new DepartmentProtocolError(source, 200, 'invalid_response', issue.path.join('.'), issue.message);
  }
  const wanted = new Set(asked);
  parsed.data.records.forEach((record, i) => {
    if (record.source !== source) {
      throw new DepartmentProtocolError(source, 200, 'invalid_response', `records.${i}.source`, 'record of another source');
    }
    // The registry legitimately answers with the other members of the asked people's households.
    if (source !== 'household_registry' && !wanted.has(record.idNumber)) {
      throw new DepartmentProtocolError(source, 200, 'invalid_response', `records.${i}.idNumber`, 'record of a person not asked about');
    }
  });
  return parsed.data.records;
}
