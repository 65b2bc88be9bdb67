import { MONTH_WAKE_SPREAD_MS, monthWakeOffsetMs } from './month-wake';

test('offsets are stable per household and spread over the window', () => {
  expect(monthWakeOffsetMs('household-1')).toBe(monthWakeOffsetMs('household-1'));
  const offsets = Array.from({ length: 10_000 }, (_, i) => monthWakeOffsetMs(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
  expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...offsets)).toBeLessThan(MONTH_WAKE_SPREAD_MS);
  // Ten equal slices of the window each get roughly a tenth of the households.
  const slices = new Array(10).fill(0);
  for (const o of offsets) slices[Math.floor((o / MONTH_WAKE_SPREAD_MS) * 10)] += 1;
  for (const n of slices) expect(n).toBeGreaterThan(800);
});
