import { currentMonth, monthsEnding } from './stats-scope';

test('the twelve months of a dashboard run back across the new year, oldest first', () => {
  expect(monthsEnding('2026-02', 12)).toEqual(['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  expect(monthsEnding('2026-12', 1)).toEqual(['2026-12']);
});

test('this month turns at midnight in Shanghai, not in UTC', () => {
  expect(currentMonth(Date.UTC(2026, 10, 30, 15, 59))).toBe('2026-11');
  expect(currentMonth(Date.UTC(2026, 10, 30, 16, 0))).toBe('2026-12');
});
