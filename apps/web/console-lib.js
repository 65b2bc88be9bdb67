// Small helpers of the console: the API call with the session's token, element building, money and dates.

/** Calls the API; a refusal becomes an Error whose message carries the stable code and the field issues. */
export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  const token = sessionStorage.getItem('token');
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401 && !path.endsWith('/login')) {
    sessionStorage.removeItem('token');
    location.reload();
  }
  if (!res.ok) {
    const error = data?.error ?? {};
    const issues = (error.issues ?? []).map((i) => `${i.field}: ${i.rule}`).join('\n');
    throw new Error(`${error.code ?? res.status}: ${error.message ?? res.statusText}${issues ? `\n${issues}` : ''}`);
  }
  return data;
}

/** Builds an element; attributes starting with "on" are listeners, children are nodes or text. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined && c !== ''));
  return el;
}

/** "1234.5" yuan → 123450 fen, exactly (no floating point); anything else is refused naming the field. */
export function yuanToFen(text, field) {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!match) throw new Error(`${field}: 金额须为元, 最多两位小数 (amount in yuan, at most 2 decimals)`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 123450 fen → "1234.50". */
export function fenToYuan(fen) {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A time as Beijing local time, to the minute. */
export function when(value) {
  if (!value) return '';
  return new Date(value).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
