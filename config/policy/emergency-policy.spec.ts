import { nationalLayer } from '../shipped';
import { regionPolicySchema } from './policy.schema';
import { mergeOverride } from './resolve';

/** The 救急难 section of the policy: national values and the rules a region override must keep. */

const national = nationalLayer().override;
const messagesOf = (emergency: Record<string, unknown>) => {
  const result = regionPolicySchema.safeParse(mergeOverride(national, { emergency }));
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

test('national: 24 clock hours each, three months of the standard, 10 working days, 30 days to refer, 2 yuan per resident', () => {
  expect(regionPolicySchema.parse(national).emergency).toEqual({
    townshipDecisionHours: 24,
    countyDecisionHours: 24,
    townshipLimitMonths: 3,
    followUpDays: 10,
    referralWindowDays: 30,
    reserveFundPerResidentFen: 200,
  });
});

test('a region may set 48 hours and 1.5 months', () => {
  expect(messagesOf({ townshipDecisionHours: 48, townshipLimitMonths: 1.5 })).toEqual([]);
});

test('out-of-range or fractional values are refused with the rule they break', () => {
  expect(messagesOf({ townshipDecisionHours: 0 })).toEqual(['emergency.townshipDecisionHours: must be at least 1 clock hour']);
  expect(messagesOf({ countyDecisionHours: 200 })).toEqual(['emergency.countyDecisionHours: must be at most 168 clock hours (one week)']);
  expect(messagesOf({ townshipDecisionHours: 1.5 })).toEqual(['emergency.townshipDecisionHours: must be a whole number of clock hours']);
  expect(messagesOf({ townshipLimitMonths: 0 })).toEqual([
    'emergency.townshipLimitMonths: the township limit must be a positive number of months of the urban 低保 standard',
  ]);
  expect(messagesOf({ townshipLimitMonths: 1.25 })).toEqual(['emergency.townshipLimitMonths: the township limit must be in tenths of a month']);
  expect(messagesOf({ referralWindowDays: -1 })).toEqual(['emergency.referralWindowDays: the referral window must not be negative']);
  expect(messagesOf({ referralWindowDays: 7.5 })).toEqual(['emergency.referralWindowDays: the referral window must be a whole number of days']);
  expect(messagesOf({ reserveFundPerResidentFen: 2.5 })).toEqual([
    'emergency.reserveFundPerResidentFen: the reserve fund per resident must be an integer number of fen (分), not yuan',
  ]);
});
