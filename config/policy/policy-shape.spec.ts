import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadShippedRegions, nationalLayer, shippedLayers } from '../shipped';
import { regionPolicySchema, type RegionPolicy } from './policy.schema';
import { caseDocument, liftPolicy, readPolicySnapshot } from './policy-shape';
import { policySnapshotId, resolvePolicy, resolveSections } from './resolve';

/** The policy by section, and the flat documents released snapshots and versions were written in. */

const FIXTURE = resolve(__dirname, '..', '..', 'test', 'fixtures', 'policy', 'flat-policy-snapshot.json');
/** A 宽城区 snapshot as recorded before the split, and before 单人保, 医疗救助 and the referral window were set. */
const oldSnapshot = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { id: string; document: RegionPolicy };

test('an old flat snapshot reads as sections that the current schema accepts', () => {
  const sections = readPolicySnapshot(oldSnapshot.document);
  expect(sections.common.approval).toMatchObject({ mode: 'township_with_filing', limitDays: 3 });
  expect(sections.common.overallLimitDays).toBe(15);
  expect(sections.common.assets).toEqual({ depositMonths: 24, vehiclesAllowed: 0, extraPropertiesAllowed: 0 });
  expect(sections.dibao.standards).toEqual({ urbanFen: 83_000, ruralFen: 63_000 });
  expect(sections.dibao.singleEnrolment).toBeUndefined();
  expect(sections.lowIncome).toEqual({ multiplier: 1.5 });
  expect(sections.emergency.reserveFundPerResidentFen).toBe(200);
  expect(Object.keys(sections).sort()).toEqual(['common', 'dibao', 'emergency', 'lowIncome']);
  expect(regionPolicySchema.safeParse(sections).success).toBe(true);
});

test('lifting and writing back gives the same flat document, so snapshot ids do not change', () => {
  const back = caseDocument(regionPolicySchema.parse(liftPolicy(oldSnapshot.document)));
  expect(back).toEqual(oldSnapshot.document);
  expect(policySnapshotId(back)).toBe(policySnapshotId(oldSnapshot.document));
});

test('the shipped sectioned files resolve to what the old snapshot recorded, plus the settings added since', () => {
  const current = resolvePolicy(shippedLayers(loadShippedRegions(), '220103', nationalLayer())).document;
  expect(current).toMatchObject(oldSnapshot.document);
  expect(current.singleEnrolment).toEqual({ disabilityGrades: [1, 2], minAge: 18, incomeCeilingMultiplier: null });
});

test('a partial flat override moves to its sections; section keys and unknown keys stay where they are', () => {
  expect(liftPolicy({ standards: { urbanFen: 1 }, approval: { samplingRate: 0.5 }, lowIncomeMultiplier: 2, emergency: { followUpDays: 3 }, standard: 1 })).toEqual({
    common: { approval: { samplingRate: 0.5 } },
    dibao: { standards: { urbanFen: 1 } },
    lowIncome: { multiplier: 2 },
    emergency: { followUpDays: 3 },
    standard: 1,
  });
  const sectioned = { common: { acceptance: { limitDays: 2 } }, tekun: { care: {} } };
  expect(liftPolicy(sectioned)).toBe(sectioned);
});

test('a mixed override merges into the sections; within one override the flat value wins', () => {
  expect(liftPolicy({ common: { acceptance: { limitDays: 2 }, intake: { supplementDays: 4 } }, acceptance: { limitDays: 3 } })).toEqual({
    common: { acceptance: { limitDays: 3 }, intake: { supplementDays: 4 } },
  });
});

test('a flat layer over the sectioned national defaults resolves like the same change written by section', () => {
  const national = nationalLayer();
  const layer = (override: Record<string, unknown>) => ({ scope: '320723', name: '320723 灌云县', version: 2, override });
  const flat = resolveSections([national, layer({ standards: { urbanFen: 70_000 }, approval: { mode: 'township_with_filing' } })]);
  const sectioned = resolveSections([national, layer({ dibao: { standards: { urbanFen: 70_000 } }, common: { approval: { mode: 'township_with_filing' } } })]);
  expect(flat).toEqual(sectioned);
  expect(flat.dibao.standards).toEqual({ urbanFen: 70_000, ruralFen: 45_000 });
});
