/**
 * Runs a housekeeping job of the worker process every `intervalMs` (first after `firstMs`) until stopped. A failed
 * round waits for the next one; the timer never keeps the process alive on its own.
 */
export function startPeriodic(job: () => Promise<unknown>, intervalMs: number, firstMs = Math.min(intervalMs, 10_000)): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number) => {
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  const run = async (): Promise<void> => {
    await job().catch(() => undefined);
    if (!stopped) schedule(intervalMs);
  };
  schedule(firstMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
