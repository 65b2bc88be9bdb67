import type { z } from 'zod';

/** One problem in a configuration: where (region or file), which field, and the rule it breaks. */
export interface ConfigIssue {
  /** The region code and name, or the file, the problem belongs to. */
  scope: string;
  /** Dotted path of the field, e.g. "approval.samplingRate". */
  field: string;
  rule: string;
}

/** Thrown when shipped or proposed configuration is invalid; its message lists every issue. */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';

  constructor(readonly issues: ConfigIssue[]) {
    super(`invalid configuration:\n${issues.map((i) => `  ${i.scope}: ${i.field || '(root)'}: ${i.rule}`).join('\n')}`);
  }

  static fromZod(scope: string, error: z.ZodError, prefix: (string | number)[] = []): ConfigValidationError {
    return new ConfigValidationError(issuesFromZod(scope, error, prefix));
  }
}

export function issuesFromZod(scope: string, error: z.ZodError, prefix: (string | number)[] = []): ConfigIssue[] {
  return error.issues.map((issue) => ({
    scope,
    field: [...prefix, ...issue.path.map(String)].join('.'),
    rule: issue.message,
  }));
}
