import {
  WorkingCalendar,
  dayOf,
  endOfShanghaiDay,
  isoDate,
  provisionalWarning,
  shanghaiDay,
  type HolidayYear,
} from './calendar';

/**
 * Expected instants are written by hand: 24:00 Asia/Shanghai of day D is 16:00Z of D.
 * Weekdays of 2026 used below: 01-01 Thu, 02-12 Thu, 02-14 Sat, 02-28 Sat, 03-02 Mon, 09-30 Wed, 10-10 Sat, 12-28 Mon;
 * 2027-01-01 Fri.
 */

/** 国务院办公厅关于2026年部分节假日安排的通知, as shipped in config/calendars/cn-2026.json. */
const Y2026: HolidayYear = {
  year: 2026,
  published: true,
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
const Y2027: HolidayYear = { year: 2027, published: false, holidays: [], makeUpWorkdays: [] };

const calendar = new WorkingCalendar([Y2026, Y2027]);
const at = (iso: string) => Date.parse(iso);

describe('day helpers', () => {
  test('shanghaiDay: 23:30 +08:00 (15:30Z) and 00:10 +08:00 (16:10Z the previous UTC day) are different local days', () => {
    expect(isoDate(shanghaiDay(at('2026-03-02T15:30:00Z')))).toBe('2026-03-02');
    expect(isoDate(shanghaiDay(at('2026-03-02T16:10:00Z')))).toBe('2026-03-03');
    expect(isoDate(shanghaiDay(at('2026-03-02T15:59:59.999Z')))).toBe('2026-03-02');
    expect(isoDate(shanghaiDay(at('2026-03-02T16:00:00Z')))).toBe('2026-03-03');
  });

  test('endOfShanghaiDay is 16:00Z of the same date', () => {
    expect(new Date(endOfShanghaiDay(dayOf('2026-03-02'))).toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  test('dayOf counts days since 1970-01-01 and rejects non-dates', () => {
    expect(dayOf('1970-01-02')).toBe(1);
    expect(dayOf('2026-01-01')).toBe(20454);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-2-1', '20260101', '', '2026-02-29']) {
      expect(() => dayOf(bad)).toThrow(RangeError);
    }
    expect(dayOf('2028-02-29')).toBe(dayOf('2028-02-28') + 1);
  });
});

describe('isWorkingDay', () => {
  test.each([
    ['2026-03-02', true], // Monday
    ['2026-03-07', false], // Saturday
    ['2026-03-08', false], // Sunday
    ['2026-10-01', false], // 国庆 (Thursday)
    ['2026-10-07', false], // 国庆 (Wednesday)
    ['2026-10-08', true],
    ['2026-10-10', true], // 调休 Saturday
    ['2026-02-14', true], // 调休 Saturday before 春节
    ['2026-02-16', false], // 春节 Monday
    ['2026-02-28', true], // 调休 Saturday after 春节
    ['2026-01-04', true], // 调休 Sunday
    ['2027-01-01', true], // unpublished year: a Friday is a working day, no invented 元旦
    ['2027-01-02', false], // Saturday
  ])('%s → %s', (iso, expected) => {
    expect(calendar.isWorkingDay(dayOf(iso))).toBe(expected);
  });

  test('published years are known, others are not', () => {
    expect(calendar.isPublished(2026)).toBe(true);
    expect(calendar.isPublished(2027)).toBe(false);
    expect(calendar.isPublished(2025)).toBe(false);
  });
});

describe('addWorkingDays (民法典 art. 201, 203)', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  test('the event day is not counted; the period ends 24:00 Shanghai of its last day', () => {
    // Monday 2026-03-02 10:00 +08:00 → Tue(1) Wed(2) Thu(3) Fri(4) Mon 03-09(5).
    const d = calendar.addWorkingDays(at('2026-03-02T10:00:00+08:00'), 5);
    expect(iso(d.at)).toBe('2026-03-09T16:00:00.000Z');
    expect(d.provisionalYears).toEqual([]);
  });

  test('late evening Shanghai still counts from that local day', () => {
    // 23:30 +08:00 on Monday 03-02 is 15:30Z the same UTC day: one working day → end of Tuesday 03-03.
    expect(iso(calendar.addWorkingDays(at('2026-03-02T23:30:00+08:00'), 1).at)).toBe('2026-03-03T16:00:00.000Z');
    // 00:10 +08:00 on Tuesday 03-03 is still 2026-03-02 in UTC, but the local day is Tuesday → end of Wednesday.
    const afterMidnight = at('2026-03-03T00:10:00+08:00');
    expect(new Date(afterMidnight).toISOString().slice(0, 10)).toBe('2026-03-02');
    expect(iso(calendar.addWorkingDays(afterMidnight, 1).at)).toBe('2026-03-04T16:00:00.000Z');
  });

  test('weekends are skipped', () => {
    // Friday 2026-03-06 → Mon 03-09(1), Tue 03-10(2).
    expect(iso(calendar.addWorkingDays(at('2026-03-06T09:00:00+08:00'), 2).at)).toBe('2026-03-10T16:00:00.000Z');
    // An event on a Saturday: Mon(1) … Fri(5) of the next week.
    expect(iso(calendar.addWorkingDays(at('2026-03-07T12:00:00+08:00'), 5).at)).toBe('2026-03-13T16:00:00.000Z');
  });

  test('国庆: 5 working days from 2026-09-30 skip 10-01..10-07 and count Saturday 10-10', () => {
    // 10-08 Thu(1), 10-09 Fri(2), 10-10 Sat 调休(3), 10-12 Mon(4), 10-13 Tue(5).
    const d = calendar.addWorkingDays(at('2026-09-30T15:00:00+08:00'), 5);
    expect(iso(d.at)).toBe('2026-10-13T16:00:00.000Z');
    expect(d.provisionalYears).toEqual([]);
    // 3 working days end exactly on the make-up Saturday.
    expect(iso(calendar.addWorkingDays(at('2026-09-30T15:00:00+08:00'), 3).at)).toBe('2026-10-10T16:00:00.000Z');
  });

  test('春节: make-up Saturdays 02-14 and 02-28 count, 02-15..02-23 do not', () => {
    // From Thu 02-12: 02-13 Fri(1), 02-14 Sat(2), holidays, 02-24(3), 25(4), 26(5), 27(6), 02-28 Sat(7), 03-02 Mon(8).
    const from = at('2026-02-12T09:00:00+08:00');
    expect(iso(calendar.addWorkingDays(from, 2).at)).toBe('2026-02-14T16:00:00.000Z');
    expect(iso(calendar.addWorkingDays(from, 3).at)).toBe('2026-02-24T16:00:00.000Z');
    expect(iso(calendar.addWorkingDays(from, 7).at)).toBe('2026-02-28T16:00:00.000Z');
    expect(iso(calendar.addWorkingDays(from, 8).at)).toBe('2026-03-02T16:00:00.000Z');
  });

  test('元旦 2026: 01-01..01-03 skipped, Sunday 01-04 is a working day', () => {
    // From Wed 2025-12-31: 2025 has no table here, but only the counted days (all in 2026) matter.
    const d = calendar.addWorkingDays(at('2025-12-31T10:00:00+08:00'), 2);
    expect(iso(d.at)).toBe('2026-01-05T16:00:00.000Z'); // 01-04 Sun(1), 01-05 Mon(2)
    expect(d.provisionalYears).toEqual([]);
  });

  test('a period crossing into unpublished 2027 is provisional and warns', () => {
    // Mon 2026-12-28 → 12-29(1) 12-30(2) 12-31(3) 2027-01-01 Fri(4, weekends-only) 01-04 Mon(5).
    const d = calendar.addWorkingDays(at('2026-12-28T10:00:00+08:00'), 5);
    expect(iso(d.at)).toBe('2027-01-04T16:00:00.000Z');
    expect(d.provisionalYears).toEqual([2027]);
    const warning = provisionalWarning(d.provisionalYears);
    expect(warning).toContain('2027年');
    expect(warning).toContain('尚未发布');
  });

  test('a period ending on 2026-12-31 is not provisional', () => {
    const d = calendar.addWorkingDays(at('2026-12-28T10:00:00+08:00'), 3);
    expect(iso(d.at)).toBe('2026-12-31T16:00:00.000Z');
    expect(d.provisionalYears).toEqual([]);
    expect(provisionalWarning(d.provisionalYears)).toBeUndefined();
  });

  test('zero days ends at 24:00 of the event day', () => {
    expect(iso(calendar.addWorkingDays(at('2026-03-02T23:30:00+08:00'), 0).at)).toBe('2026-03-02T16:00:00.000Z');
  });

  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('invalid count %p throws', (n) => {
    expect(() => calendar.addWorkingDays(at('2026-03-02T10:00:00+08:00'), n)).toThrow(RangeError);
    expect(() => calendar.addCalendarDays(at('2026-03-02T10:00:00+08:00'), n)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  test('a 7-day publicity posted on 2026-09-30 runs through the holiday and ends 24:00 on 10-07', () => {
    const d = calendar.addCalendarDays(at('2026-09-30T23:30:00+08:00'), 7);
    expect(new Date(d.at).toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(d.provisionalYears).toEqual([]);
  });

  test('zero days ends at 24:00 of the event day', () => {
    expect(new Date(calendar.addCalendarDays(at('2026-03-03T00:10:00+08:00'), 0).at).toISOString()).toBe(
      '2026-03-03T16:00:00.000Z',
    );
  });
});

describe('workingDaysUntil', () => {
  test('counts working days after the event day whose end is not after the deadline', () => {
    const from = at('2026-09-30T15:00:00+08:00');
    expect(calendar.workingDaysUntil(from, at('2026-10-13T16:00:00Z'))).toBe(5);
    // A deadline mid-day counts only the days already fully inside it.
    expect(calendar.workingDaysUntil(from, at('2026-10-13T15:59:59Z'))).toBe(4);
    expect(calendar.workingDaysUntil(from, at('2026-10-07T16:00:00Z'))).toBe(0);
  });

  test('is 0 when the deadline is due or past', () => {
    expect(calendar.workingDaysUntil(at('2026-03-10T10:00:00+08:00'), at('2026-03-09T16:00:00Z'))).toBe(0);
    expect(calendar.workingDaysUntil(at('2026-03-09T10:00:00+08:00'), at('2026-03-09T16:00:00Z'))).toBe(0);
  });
});
