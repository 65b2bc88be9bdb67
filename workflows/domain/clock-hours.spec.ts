import { addClockHours, remainingHours } from './clock-hours';

describe('addClockHours', () => {
  test('counts clock hours across nights and weekends', () => {
    const saturday = Date.UTC(2026, 9, 3, 22, 0);
    expect(addClockHours(saturday, 24)).toBe(Date.UTC(2026, 9, 4, 22, 0));
    expect(addClockHours(saturday, 0)).toBe(saturday);
  });

  test('refuses fractional hours and times', () => {
    expect(() => addClockHours(0, 1.5)).toThrow(RangeError);
    expect(() => addClockHours(0.5, 1)).toThrow(RangeError);
    expect(() => addClockHours(0, -1)).toThrow(RangeError);
  });
});

test('remaining hours are shown in tenths, rounded down, and go negative once overdue', () => {
  const now = Date.UTC(2026, 10, 23, 0, 0);
  expect(remainingHours(addClockHours(now, 24), now)).toBe(24);
  expect(remainingHours(now + 5_400_000 - 1, now)).toBe(1.4);
  expect(remainingHours(now, now)).toBe(0);
  expect(remainingHours(now - 1_800_000, now)).toBe(-0.5);
});
