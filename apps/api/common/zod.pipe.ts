import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationFailedError } from './errors';

/** Validates a body or query with a zod schema; every issue names its field and rule (HTTP 400). */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    return parseOrFail(this.schema, value);
  }
}

/** The parsed value, or a ValidationFailedError naming each field and rule. */
export function parseOrFail<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationFailedError(
    parsed.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') : '(body)',
      rule: issue.message,
    })),
  );
}
