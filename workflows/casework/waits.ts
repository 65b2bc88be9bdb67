import { condition } from '@temporalio/workflow';

/**
 * Waits until `fn` holds, or until `timeoutMs` has passed on the workflow clock (no limit when undefined). A limit
 * already passed answers at once without a timer, so a late start adds no command. False when the limit passed first.
 */
export async function waitUntil(fn: () => boolean, timeoutMs?: number): Promise<boolean> {
  if (timeoutMs === undefined) {
    await condition(fn);
    return true;
  }
  if (timeoutMs <= 0) return fn();
  return condition(fn, timeoutMs);
}
