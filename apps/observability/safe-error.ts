/**
 * What a log line says about an error: its class, its stable code when it has one, and the stack frames — not the
 * message, which may quote input (a name, an ID number, a value a constraint rejected). The cause chain is followed
 * by class only.
 */
export interface SafeError {
  type: string;
  code?: string;
  stack?: string;
  causes?: string[];
}

export function safeError(err: unknown): SafeError {
  if (!(err instanceof Error)) return { type: typeof err };
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const code = (err as { code?: unknown }).code;
  const causes: string[] = [];
  for (let cause = err.cause, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) causes.push(cause.name);
  return {
    type: err.name === 'Error' ? err.constructor.name : err.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(frames.length ? { stack: frames.map((f) => f.trim()).join('\n') } : {}),
    ...(causes.length ? { causes } : {}),
  };
}
