import fc from 'fast-check';

/** The subset of JSON Schema the OpenAPI document's request bodies use (zod's toJSONSchema output). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
}

/** Strings a probe sends: edges of encoding, size and shape, and impossible dates of the right shape. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '2026-02-30', '2026-13-01', '0000-00-00', '9999-12-31', '2026-11', '-1', 'NaN', '1e309', 'null', '__proto__', 'constructor', '../../etc/passwd', '%00', '<script>', "' or 1=1 --", '\u202E', '😀', '中文'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.nat({ max: 70_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value, small, including the wrong types for every field. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, -0, 2 ** 53 + 2, 1e308),
  hostileString,
  fc.array(fc.oneof(fc.integer(), hostileString), { maxLength: 3 }),
  fc.dictionary(hostileString, fc.oneof(fc.integer(), hostileString), { maxKeys: 3 }),
);

/** A value that follows the schema where it can: the generator a well-meaning client would be. */
function conforming(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, depth)));
  if (schema.allOf?.length) return valueFor(schema.allOf[0]!, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.pattern) return fc.oneof(fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, 200)), hostileString);
      return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) }), hostileString);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1_000, -(2 ** 31)), max: Math.min(schema.maximum ?? 10_000_000, 2 ** 31) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? valueFor(schema.items, depth + 1) : anyJson, { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
      return objectFor(schema, depth);
    default:
      return anyJson;
  }
}

/** An object with each property present, missing, or replaced by a hostile value, plus sometimes an unknown key. */
function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = Object.entries(schema.properties ?? {});
  if (depth > 4 || props.length === 0) return fc.dictionary(hostileString, anyJson, { maxKeys: 2 });
  const fields = props.map(([key, s]) => fc.option(valueFor(s, depth + 1), { nil: undefined, freq: 6 }).map((v) => [key, v] as const));
  return fc.tuple(fc.tuple(...fields), fc.option(fc.tuple(hostileString, anyJson), { freq: 4 })).map(([entries, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) if (v !== undefined) out[k] = v;
    if (extra) out[extra[0]] = extra[1];
    return out;
  });
}

/** Mostly conforming, sometimes any JSON at all (wrong type, wrong shape), for every node of the schema. */
export function valueFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: conforming(schema, depth), weight: 4 }, { arbitrary: anyJson, weight: 1 });
}

/** A request body for an operation: from its schema, or hostile raw text, or a deep nesting, or nothing. */
export function bodyFor(schema: JsonSchema | undefined): fc.Arbitrary<{ raw: string | undefined }> {
  const deep = fc.integer({ min: 50, max: 3_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
  const text = fc.oneof(hostileString, fc.constantFrom('{', '[]', '{"a":1,}', '\u0000', 'null', '"x"'));
  return fc.oneof(
    { arbitrary: (schema ? valueFor(schema) : anyJson).map((v) => ({ raw: JSON.stringify(v) })), weight: 8 },
    { arbitrary: text.map((raw) => ({ raw })), weight: 1 },
    { arbitrary: deep.map((raw) => ({ raw })), weight: 1 },
    { arbitrary: fc.constant({ raw: undefined }), weight: 1 },
  );
}

/** Percent-encodes a segment character by character; a lone surrogate becomes its (invalid) UTF-8 bytes. */
function segment(s: string): string {
  return [...s]
    .map((c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

/** A path parameter: a known id of the seeded data (so deeper code runs) or a hostile segment. */
export function pathParam(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 2 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: hostileString.map((s) => segment(s.slice(0, 300)) || 'x'), weight: 2 },
    { arbitrary: fc.constantFrom('%00', '%ED%A0%80', '%FF', '..', '%2e%2e', '2026', '-1', '99999999999999999999'), weight: 1 },
  );
}
