import type { FieldIssue } from './errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The rule a string breaks, or null: a lone UTF-16 surrogate cannot be stored as UTF-8, NUL not in PostgreSQL. */
export function textRule(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogates)';
  return null;
}

/**
 * Every string (and object key) of a parsed value that breaks `textRule`, named by its path like the zod pipe names
 * fields (`members[0].name`). Depth-limited so a hostile nesting cannot exhaust the stack (deeper is left to the
 * route's schema, which refuses it).
 */
export function malformedText(value: unknown, path = '', depth = 0, found: FieldIssue[] = []): FieldIssue[] {
  if (found.length >= 20 || depth > 64) return found;
  if (typeof value === 'string') {
    const rule = textRule(value);
    if (rule) found.push({ field: path || '(body)', rule });
  } else if (Array.isArray(value)) {
    value.forEach((x, i) => malformedText(x, `${path}[${i}]`, depth + 1, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, x] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      const rule = textRule(k);
      if (rule) found.push({ field: field.replace(/[\uD800-\uDFFF\u0000]/g, '\uFFFD'), rule });
      malformedText(x, field, depth + 1, found);
    }
  }
  return found;
}

/**
 * The issue with a raw request path, or null: it must percent-decode as UTF-8 and hold no NUL or lone surrogate.
 * Checked before routing, since the router itself fails on an undecodable parameter.
 */
export function pathIssue(rawPath: string): FieldIssue | null {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { field: '(path)', rule: 'must be percent-encoded UTF-8' };
  }
  const rule = textRule(path);
  return rule ? { field: '(path)', rule } : null;
}
