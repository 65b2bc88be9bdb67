import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { POLICY_FIELDS, fromInput, showPolicyValue, toInput } from '../../apps/web/src/policy-fields';
import { regionPolicySchema } from '../../config/policy/policy.schema';
import { EMERGENCY_CAUSES } from '../../config/policy/sections/emergency-policy.schema';

/** The administrators' policy form covers every field of the policy document, and reads and writes values exactly. */

function leaves(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The 特困 section has no national default; a complete one, for its field list. */
const TEKUN = { basicLiving: { urban: { fen: 1, per: 'month' }, rural: { fen: 1, per: 'year' } }, care: { full: { fen: 0, per: 'month' }, partial: { fen: 1, per: 'month' }, none: { fen: 1, per: 'year' } } };

/** 临时救助 tiers have no national default either; one for every cause the schema names. */
const TIERS = Object.fromEntries(EMERGENCY_CAUSES.map((c) => [c, { monthsPerPerson: 1, maxMonths: 3 }]));

test('every field of the national policy, of the 特困 section and of the tiers has a Chinese name on the form, and nothing else is listed', () => {
  const national = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'config', 'policy', 'national.json'), 'utf8'));
  const complete = { ...national, tekun: TEKUN, emergency: { ...national.emergency, amountTiers: TIERS } };
  expect(regionPolicySchema.safeParse(complete).success).toBe(true);
  expect(POLICY_FIELDS.map((f) => f.path).sort()).toEqual(leaves(complete).sort());
  for (const f of POLICY_FIELDS) expect(/[\u4e00-\u9fff]/.test(f.label)).toBe(true);
});

test('yuan, percent and grades go to the API as fen, rates and lists, and read back the same', () => {
  const byPath = new Map(POLICY_FIELDS.map((f) => [f.path, f]));
  const urban = byPath.get('dibao.standards.urbanFen')!;
  expect(fromInput(urban, '830.50')).toBe(83_050);
  expect(toInput(urban, 83_050)).toBe('830.50');
  expect(showPolicyValue(urban, 83_050)).toBe('830.50');
  const rate = byPath.get('common.approval.samplingRate')!;
  expect(fromInput(rate, '35')).toBe(0.35);
  expect(showPolicyValue(rate, 0.3)).toBe('30%');
  expect(fromInput(byPath.get('dibao.singleEnrolment.disabilityGrades')!, '1、2')).toEqual([1, 2]);
  expect(fromInput(byPath.get('common.overallLimitDays')!, '')).toBeNull();
  expect(showPolicyValue(byPath.get('common.investigation.mode')!, 'parallel')).toBe('核对与入户同时进行');
});
