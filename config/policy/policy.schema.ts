import { z } from 'zod';
import { commonPolicySchema, type CommonPolicy } from './sections/common-policy.schema';
import { dibaoPolicySchema, lowIncomePolicySchema, type DibaoPolicy } from './sections/dibao-policy.schema';
import { emergencyPolicySchema, medicalPolicySchema, type EmergencyPolicy, type MedicalPolicy } from './sections/emergency-policy.schema';
import { tekunPolicySchema, type TekunPolicy } from './sections/tekun-policy.schema';

export { EMERGENCY_CAUSES } from './sections/emergency-policy.schema';

/**
 * A region's policy: a common part (the application procedure, escalation, the clock, asset limits) and one section
 * per program (低保, 低收入, 临时救助/救急难, 医疗救助, 特困供养). Written as partial overrides at any level of the
 * region tree (national → province → city → county → township) and validated whole after merging, so every error names
 * the region, the field and the rule. Overrides and snapshots written before the split (one flat document) are lifted
 * into this shape by `liftPolicy` (policy-shape.ts).
 */
export const regionPolicySchema = z
  .object({
    common: commonPolicySchema,
    dibao: dibaoPolicySchema,
    lowIncome: lowIncomePolicySchema,
    emergency: emergencyPolicySchema,
    medicalAssistance: medicalPolicySchema.optional(),
    /** Only regions that run 特困供养 set it; see tekun-policy.schema.ts. */
    tekun: tekunPolicySchema.optional(),
  })
  .strict();

/** The effective, validated policy of a region, by section. */
export type PolicyDocument = z.infer<typeof regionPolicySchema>;

/**
 * The policy as a case records it: one flat document, the shape of every released policy snapshot and of every
 * recorded workflow history, derived from the sections by `caseDocument`. Workflows and activities read this shape.
 */
export type RegionPolicy = CommonPolicy &
  DibaoPolicy & {
    lowIncomeMultiplier: number;
    emergency: EmergencyPolicy;
    medicalAssistance?: MedicalPolicy;
    tekun?: TekunPolicy;
  };

/** A policy as a workflow receives it: the document plus the snapshot that identifies it in every decision. */
export interface CasePolicy {
  /** Content hash of the effective document; the key of its policy snapshot row. */
  snapshotId: string;
  /** Human label of the versions that produced it, e.g. "220103 v1 · 220100 v1 · national v1". */
  label: string;
  document: RegionPolicy;
}
