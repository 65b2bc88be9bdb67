/** Stable codes for the body parser's refusals (http-errors objects carrying `status` and `type`). */
const CODES: Record<number, string> = {
  400: 'bad_request',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * The HTTP answer for an error the body parser raised before any route ran — a body over the size limit (413), a
 * charset or content encoding it cannot read (415), JSON that does not parse (400) — or null for anything else.
 * These are the client's mistakes: they must never surface as 500.
 */
export function bodyParserRefusal(err: unknown): { status: number; code: string; message: string } | null {
  if (err === null || typeof err !== 'object') return null;
  const { status, type } = err as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || typeof type !== 'string' || status < 400 || status > 499) return null;
  const messages: Record<string, string> = {
    'entity.too.large': 'the request body is over the size limit',
    'charset.unsupported': 'the body must be UTF-8 JSON',
    'encoding.unsupported': 'the content encoding is not supported',
    'entity.parse.failed': 'the body is not valid JSON',
    'entity.verify.failed': 'the body could not be verified',
    'request.aborted': 'the request was aborted',
    'request.size.invalid': 'the body size does not match Content-Length',
  };
  return { status, code: CODES[status] ?? `http_${status}`, message: messages[type] ?? 'the request body was refused' };
}
