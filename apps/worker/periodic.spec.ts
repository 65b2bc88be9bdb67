import { startPeriodic } from './periodic';

test('a housekeeping job runs first after its delay, then every interval, survives a failure, and stops when told', async () => {
  jest.useFakeTimers();
  try {
    let runs = 0;
    const stop = startPeriodic(async () => {
      runs += 1;
      if (runs === 2) throw new Error('database away');
    }, 1_000, 100);
    await jest.advanceTimersByTimeAsync(99);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(3);
    stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(3);
  } finally {
    jest.useRealTimers();
  }
});
