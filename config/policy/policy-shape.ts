import type { PolicyDocument, RegionPolicy } from './policy.schema';

/**
 * The two shapes of a policy. Sections (common + one per program) are canonical; the flat document is what released
 * snapshots, stored versions and recorded workflow histories hold. `liftPolicy` reads either (or a partial override
 * in either, or a mix) into sections; `caseDocument` writes the flat document a case records.
 */

type Json = Record<string, unknown>;

/** Where each top-level key of the flat document lives among the sections. */
const FLAT_KEYS: Record<string, readonly [section: string, key: string]> = {
  intake: ['common', 'intake'],
  acceptance: ['common', 'acceptance'],
  investigation: ['common', 'investigation'],
  appraisal: ['common', 'appraisal'],
  publicity: ['common', 'publicity'],
  townshipReview: ['common', 'townshipReview'],
  approval: ['common', 'approval'],
  overallLimitDays: ['common', 'overallLimitDays'],
  escalation: ['common', 'escalation'],
  clock: ['common', 'clock'],
  atRiskWorkingDays: ['common', 'atRiskWorkingDays'],
  assets: ['common', 'assets'],
  standards: ['dibao', 'standards'],
  singleEnrolment: ['dibao', 'singleEnrolment'],
  lifecycle: ['dibao', 'lifecycle'],
  lowIncomeMultiplier: ['lowIncome', 'multiplier'],
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeInto(base: Json, override: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = isObject(value) && isObject(base[key]) ? mergeInto(base[key], value) : value;
  return merged;
}

/** True when a document or override still has keys of the flat shape. */
export function isFlatPolicy(doc: Json): boolean {
  return Object.keys(doc).some((k) => k in FLAT_KEYS);
}

/**
 * A policy document or partial override in the sectioned shape. Flat keys move to their section (applied after keys
 * already in sections, so within one override the flat value wins); section keys (`emergency`, `medicalAssistance`,
 * `tekun` are the same in both shapes) and unknown keys stay where they are, so validation still reports the latter.
 */
export function liftPolicy(doc: Json): Json {
  if (!isFlatPolicy(doc)) return doc;
  let lifted: Json = Object.fromEntries(Object.entries(doc).filter(([k]) => !(k in FLAT_KEYS)));
  for (const [key, value] of Object.entries(doc)) {
    const target = FLAT_KEYS[key];
    if (target) lifted = mergeInto(lifted, { [target[0]]: { [target[1]]: value } });
  }
  return lifted;
}

/** The flat document a case records (snapshot row and workflow input) for a validated sectioned policy. */
export function caseDocument(policy: PolicyDocument): RegionPolicy {
  const { common, dibao, lowIncome, emergency, medicalAssistance, tekun } = policy;
  return {
    ...common,
    ...dibao,
    lowIncomeMultiplier: lowIncome.multiplier,
    emergency,
    ...(medicalAssistance ? { medicalAssistance } : {}),
    ...(tekun ? { tekun } : {}),
  };
}

/**
 * Reads a stored policy snapshot (either shape) as sections, without validating it again: snapshots were valid when
 * written, and a later rule must not make a running case's policy unreadable.
 */
export function readPolicySnapshot(document: unknown): PolicyDocument {
  if (!isObject(document)) throw new Error('a policy snapshot document must be an object');
  return liftPolicy(document) as unknown as PolicyDocument;
}
