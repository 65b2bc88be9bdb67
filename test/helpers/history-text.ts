/**
 * History as JSON with every payload's data and metadata decoded from base64 to UTF-8 (the encoded form is kept
 * too), so clear text in any payload, memo or search attribute shows up.
 */
export function historyText(history: unknown): string {
  return JSON.stringify(history, (key, value: unknown) => {
    if ((key === 'data' || key === 'encoding') && typeof value === 'string') return `${Buffer.from(value, 'base64').toString('utf8')} ${value}`;
    if (value instanceof Uint8Array) {
      const buf = Buffer.from(value);
      return `${buf.toString('utf8')} ${buf.toString('base64')}`;
    }
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
      return Buffer.from((value as { data: number[] }).data).toString('utf8');
    }
    return value;
  });
}
