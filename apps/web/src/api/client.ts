/**
 * The one way the console talks to the API. Adds the bearer token, turns every refusal into an ApiError carrying
 * the stable code (never shown as such: `explain()` makes a Chinese sentence of it), and, when the session has
 * expired, waits for the user to sign in again in a dialog over the page and retries, so nothing typed is lost.
 */
import { label } from '../i18n/labels';
import { fieldLabel } from '../i18n/fields';

export interface FieldIssue {
  field: string;
  rule: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly hasBody = true,
  ) {
    super(message);
  }
}

/** Hooks the session module installs: the current token, and what to do on 401 (resolve when signed in again). */
export const auth = {
  token: (): string | null => null,
  beforeRequest: async (): Promise<void> => undefined,
  reauthenticate: async (): Promise<void> => {
    throw new ApiError(401, 'unauthenticated', 'unauthenticated');
  },
};

export async function api<T = any>(method: string, path: string, body?: unknown, options: { retry?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
  const res = await raw(method, path, body, options.headers);
  if (res.status === 401 && options.retry !== false && auth.token()) {
    await auth.reauthenticate();
    return api<T>(method, path, body, { ...options, retry: false });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? (res.status === 404 ? 'not_found' : 'unavailable'), e?.message ?? res.statusText, e?.issues ?? [], Boolean(e));
  }
  return data as T;
}

/**
 * A fresh `Idempotency-Key` for one thing a person creates: kept while they retry it (a lost answer then gets the
 * first answer back instead of a second case), replaced once it succeeded. getRandomValues works over plain http too.
 */
export function idempotencyKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The response itself (for files); the same token handling as api(). */
export async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  if (!path.startsWith('/api/auth/')) await auth.beforeRequest();
  const token = auth.token();
  try {
    return await fetch(path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      // A file (Blob) is sent as it is, with the content type the caller gives; anything else as JSON.
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
}

/** A refusal as a Chinese sentence: the code's label, then each field named in Chinese. */
export function explain(err: unknown): string {
  if (!(err instanceof ApiError)) return label('error', 'unavailable');
  const head = errorHead(err);
  const fields = err.issues.map((i) => `${fieldLabel(i.field)}${ruleText(i.rule)}`);
  return fields.length ? `${head}:${fields.join(';')}` : head;
}

/** The refusal's own sentence, without its field issues (for a form that shows each issue beside its field). */
export function errorHead(err: unknown): string {
  if (!(err instanceof ApiError)) return label('error', 'unavailable');
  return label('error', err.code) === '(未知)' ? label('error', 'update_refused') : label('error', err.code);
}

/** The API's rules are English sentences for developers; the common ones are said in Chinese, the rest generically. */
export function ruleText(rule: string): string {
  if (/required/i.test(rule)) return '为必填项';
  if (/one of/i.test(rule)) return '请从选项中选择';
  if (/negative/i.test(rule)) return '不能为负数';
  if (/fen|amount/i.test(rule)) return '金额不正确';
  if (/date/i.test(rule)) return '日期格式不正确';
  if (/ID number|check digit/i.test(rule)) return '身份证号码不正确';
  if (/at most/i.test(rule)) return '内容过长';
  if (/every member/i.test(rule)) return '须填写每位成员';
  return '填写不正确';
}
