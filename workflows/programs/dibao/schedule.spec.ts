import { WorkingCalendar } from '../../domain/calendar';
import { scheduleRoute } from './schedule';
import { loadShippedCalendars, loadShippedRegions, nationalLayer, shippedLayers } from '../../../config/shipped';
import { resolvePolicy } from '../../../config/policy/resolve';

const regions = loadShippedRegions();
const policyOf = (code: string) => resolvePolicy(shippedLayers(regions, code, nationalLayer())).document;
const calendar = new WorkingCalendar(loadShippedCalendars());
const facts = { disputed: false, relativeOfStaff: false, sampled: false };
// Monday 2026-03-02, 09:00 Asia/Shanghai.
const monday = Date.parse('2026-03-02T01:00:00Z');
const FILING_DAYS = policyOf('220103001001').approval.filingLimitDays;
const iso = (ms: number) => new Date(ms).toISOString();

test('the district preview: every step falls due in working days and the whole fits in 15 working days', () => {
  const s = scheduleRoute(policyOf('220103001001'), facts, monday, calendar);
  expect(s.steps.map((x) => x.step)).toEqual(['acceptance', 'investigation', 'township_review', 'township_confirmation', 'filing']);
  // Acceptance 2 working days: Tue 3, Wed 4 → ends 24:00 Wed 4 March (16:00Z).
  expect(iso(s.steps[0].dueAt)).toBe('2026-03-04T16:00:00.000Z');
  // Investigation 5 working days from Wed 4 March (not counted): Thu 5 … Wed 11.
  expect(iso(s.steps[1].dueAt)).toBe('2026-03-11T16:00:00.000Z');
  // Review 3: Thu 12, Fri 13, Mon 16; confirmation 3: Tue 17, Wed 18, Thu 19.
  expect(iso(s.steps[3].dueAt)).toBe('2026-03-19T16:00:00.000Z');
  // Overall 15 working days from acceptance (Wed 4): Thu 5 … Wed 25 March.
  expect(iso(s.overallDueAt!)).toBe('2026-03-25T16:00:00.000Z');
  expect(s.withinOverallLimit).toBe(true);
  // The district's 备案 after the township's confirmation, by the county approver, within its own limit.
  expect(s.steps[4]).toMatchObject({ step: 'filing', role: 'county_approver', limit: { workingDays: FILING_DAYS } });
  expect(s.steps[4].startsAt).toBe(s.steps[3].dueAt - 1);
});

test('the county preview counts publicity in calendar days and the sampled visit only when sampled', () => {
  const policy = policyOf('320723100201');
  const plain = scheduleRoute(policy, facts, monday, calendar);
  expect(plain.steps.map((x) => x.step)).toEqual([
    'acceptance', 'investigation', 'appraisal', 'publicity_investigation', 'township_review', 'publicity_review', 'county_approval',
  ]);
  // Acceptance 5 wd → Mon 9 Mar; investigation 10 → Mon 23; appraisal 5 → Mon 30; publicity 7 calendar days → Mon 6 Apr
  // (the 清明 holidays on 4–6 April do not shorten a publicity period).
  const publicity = plain.steps[3];
  expect(publicity.limit).toEqual({ calendarDays: 7 });
  expect(iso(plain.steps[2].dueAt)).toBe('2026-03-30T16:00:00.000Z');
  expect(iso(publicity.dueAt)).toBe('2026-04-06T16:00:00.000Z');
  expect(plain.overallDueAt).toBeUndefined();
  const sampled = scheduleRoute(policy, { ...facts, sampled: true }, monday, calendar);
  expect(sampled.steps.map((x) => x.step)).toContain('county_sampling');
});

test('a preview reaching into 2027 says the holiday table is not published', () => {
  const s = scheduleRoute(policyOf('320723100201'), facts, Date.parse('2026-12-14T01:00:00Z'), calendar);
  expect(s.steps.some((x) => x.warning?.includes('2027'))).toBe(true);
  expect(s.steps[0].warning).toBeUndefined();
});

test('the city preview: appraisal only for a disputed case, one publicity after review', () => {
  const policy = policyOf('211202001001');
  expect(scheduleRoute(policy, facts, monday, calendar).steps.map((x) => x.step)).toEqual([
    'acceptance', 'investigation', 'township_review', 'publicity_review', 'county_approval',
  ]);
  expect(scheduleRoute(policy, { ...facts, disputed: true }, monday, calendar).steps.map((x) => x.step)).toEqual([
    'acceptance', 'investigation', 'appraisal', 'township_review', 'publicity_review', 'county_approval',
  ]);
});
