import { DEFAULT_SINGLE_ENROLMENT, singleEnrolmentCeilingFen, singleEnrolmentEligible } from './single-enrolment';

test('the national default: grades 1 and 2, from the 18th birthday', () => {
  const on = '2026-11-30';
  expect(singleEnrolmentEligible({ disabilityGrade: 1, birthDate: '2008-11-30' }, on)).toBe(true);
  expect(singleEnrolmentEligible({ disabilityGrade: 2, birthDate: '2008-12-01' }, on)).toBe(false);
  expect(singleEnrolmentEligible({ disabilityGrade: 3, birthDate: '1970-01-01' }, on)).toBe(false);
  expect(singleEnrolmentEligible({ disabilityGrade: null, birthDate: '1970-01-01' }, on)).toBe(false);
});

test("a region's own grades and age", () => {
  const rule = { disabilityGrades: [1, 2, 3], minAge: 16, incomeCeilingMultiplier: null };
  expect(singleEnrolmentEligible({ disabilityGrade: 3, birthDate: '2010-01-01' }, '2026-11-30', rule)).toBe(true);
  expect(singleEnrolmentEligible({ disabilityGrade: 4, birthDate: '1970-01-01' }, '2026-11-30', rule)).toBe(false);
});

test('the ceiling is the multiple of the standard for the whole household, exact in fen', () => {
  expect(singleEnrolmentCeilingFen(DEFAULT_SINGLE_ENROLMENT, 53_500, 3)).toBeUndefined();
  expect(singleEnrolmentCeilingFen({ ...DEFAULT_SINGLE_ENROLMENT, incomeCeilingMultiplier: 1.5 }, 53_500, 3)).toBe(240_750);
});
