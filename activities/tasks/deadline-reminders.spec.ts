import { reminderText } from './deadline-reminders';

test('a reminder names the case, the step and the deadline in Beijing time, never a person', () => {
  const dueAt = new Date('2026-12-07T16:00:00.000Z'); // 24:00 on 7 December in Beijing = 00:00 on the 8th
  expect(reminderText({ kind: 'due_soon', caseNo: 'DB-220103-20261201-7XUW4', step: 'home_visit', dueAt })).toBe('【临期提醒】案件DB-220103-20261201-7XUW4的入户调查将于12月8日00:00到期,请及时办理。');
  expect(reminderText({ kind: 'overdue', caseNo: 'DB-1', step: 'township_review', dueAt: new Date('2026-12-01T01:05:00.000Z') })).toBe('【超期提醒】案件DB-1的乡镇审核已于12月1日09:05到期,请尽快办理。');
});
