import { DEFAULT_MEDICAL_RULE, medicalShare } from './medical-share';

test('75 % of the eligible expenses, rounded down to the fen', () => {
  expect(medicalShare(1_000_001, 0, DEFAULT_MEDICAL_RULE)).toEqual({ byRatioFen: 750_000, paidFen: 750_000, capLeftFen: 15_250_000 });
});

test('never beyond the annual cap: the last payment is cut to what is left, then nothing', () => {
  expect(medicalShare(4_000_000, 14_000_000, DEFAULT_MEDICAL_RULE)).toEqual({ byRatioFen: 3_000_000, paidFen: 2_000_000, capLeftFen: 0 });
  expect(medicalShare(100_000, 16_000_000, DEFAULT_MEDICAL_RULE).paidFen).toBe(0);
});

test('money is integer fen', () => {
  expect(() => medicalShare(10.5, 0, DEFAULT_MEDICAL_RULE)).toThrow(RangeError);
  expect(() => medicalShare(100, -1, DEFAULT_MEDICAL_RULE)).toThrow(RangeError);
});
