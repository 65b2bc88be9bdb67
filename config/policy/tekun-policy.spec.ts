import { nationalLayer } from '../shipped';
import { regionPolicySchema } from './policy.schema';
import { mergeOverride } from './resolve';

/** The 特困供养 section: no national default, whole when a region sets it, amounts in fen as published. */

const national = nationalLayer().override;
/** 崇阳县's published figures (seed 003), with the two care figures the seeds do not give set by the region. */
const chongyang = {
  basicLiving: { urban: { fen: 100_000, per: 'month' }, rural: { fen: 820_000, per: 'year' } },
  care: { full: { fen: 0, per: 'month' }, partial: { fen: 30_000, per: 'month' }, none: { fen: 1_290_800, per: 'year' } },
};
const messagesOf = (tekun: unknown) => {
  const result = regionPolicySchema.safeParse(mergeOverride(national, { tekun }));
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

test('the national defaults have no 特困 section: a region that runs the program sets its own', () => {
  expect(regionPolicySchema.parse(national).tekun).toBeUndefined();
});

test('a region sets yearly and monthly amounts as it publishes them', () => {
  expect(messagesOf(chongyang)).toEqual([]);
  expect(regionPolicySchema.parse(mergeOverride(national, { tekun: chongyang })).tekun).toEqual(chongyang);
});

test('a section is whole: every standard is named when missing', () => {
  expect(messagesOf({ basicLiving: chongyang.basicLiving, care: { none: chongyang.care.none } })).toEqual([
    'tekun.care.full: Invalid input: expected object, received undefined',
    'tekun.care.partial: Invalid input: expected object, received undefined',
  ]);
});

test('amounts are whole fen, not negative, per month or per year', () => {
  const care = (none: unknown) => ({ ...chongyang, care: { ...chongyang.care, none } });
  expect(messagesOf(care({ fen: 12_908.5, per: 'year' }))).toEqual(['tekun.care.none.fen: must be an integer number of fen (分), not yuan']);
  expect(messagesOf(care({ fen: -1, per: 'year' }))).toEqual(['tekun.care.none.fen: must not be negative']);
  expect(messagesOf(care({ fen: 1, per: 'week' }))).toEqual(['tekun.care.none.per: must be month or year']);
});
