import { ConfigValidationError, type ConfigIssue } from '../../config/config-error';

/** The issues of the ConfigValidationError thrown by `fn` (fails the test if it throws anything else or nothing). */
export function issuesOf(fn: () => unknown): ConfigIssue[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigValidationError);
    return (err as ConfigValidationError).issues;
  }
  throw new Error('expected a ConfigValidationError');
}
