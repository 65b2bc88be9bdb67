import fc from 'fast-check';
import { loadShippedCalendars } from '../../../config/shipped';
import { WorkingCalendar } from '../../../workflows/domain/calendar';
import { workingDaysCutoff } from './at-risk-rule';

const calendar = new WorkingCalendar(loadShippedCalendars());
const DAY = 86_400_000;

test('a due time is before the cutoff exactly when it is at most N working days away (the list\'s at-risk test)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 1) }),
      fc.integer({ min: -3 * DAY, max: 40 * DAY }),
      fc.integer({ min: 0, max: 15 }),
      (now, ahead, days) => {
        const due = now + ahead;
        expect(due < workingDaysCutoff(calendar, now, days).getTime()).toBe(calendar.workingDaysUntil(now, due) <= days);
      },
    ),
    { numRuns: 2000 },
  );
});

test('the cutoff is 24:00 Asia/Shanghai of the (N + 1)-th working day, after the 2026 National Day week off', () => {
  // Tuesday 2026-09-29, 10:00 in Shanghai; 1 October to 7 October are holidays.
  const now = Date.UTC(2026, 8, 29, 2);
  expect(workingDaysCutoff(calendar, now, 0).toISOString()).toBe('2026-09-30T16:00:00.000Z');
  expect(workingDaysCutoff(calendar, now, 1).toISOString()).toBe('2026-10-08T16:00:00.000Z');
});
