import { caseNumber } from '../casework/program';
import { PROGRAMS, PROGRAM_CODES } from './registry';

test('each program is registered under its own code, and case-number prefixes are never shared', () => {
  for (const code of PROGRAM_CODES) expect(PROGRAMS[code].code).toBe(code);
  const prefixes = Object.values(PROGRAMS).flatMap((p) => (p.caseNoPrefix ? [p.caseNoPrefix] : []));
  expect(new Set(prefixes).size).toBe(prefixes.length);
});

test('case numbers keep their released shape', () => {
  expect(caseNumber(PROGRAMS.dibao, '220103', '2026-11-23', '7KQ2M')).toBe('DB-220103-20261123-7KQ2M');
  expect(caseNumber(PROGRAMS.emergency, '320723', '2026-11-23', '7KQ2M')).toBe('JJ-320723-20261123-7KQ2M');
  expect(caseNumber(PROGRAMS.tekun, '220103', '2026-12-01', '7KQ2M')).toBe('TK-220103-20261201-7KQ2M');
  expect(() => caseNumber(PROGRAMS.medical, '320723', '2026-11-23', 'X')).toThrow(RangeError);
});
