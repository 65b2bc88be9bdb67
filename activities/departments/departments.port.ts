import { z } from 'zod';
import { isValidIdNumber } from './id-number';

/**
 * The departments the checking agency (核对机构) queries about an applicant household, and the wire protocol they
 * (and the bundled sandbox) speak:
 *
 *   POST {baseUrl}/v1/sources/{source}/query   body { "idNumbers": [...] }
 *     200 { "records": [...] }
 *     400 { "error": { "code": "invalid_request", "field": "idNumbers.0", "rule": "..." } }
 *     404 { "error": { "code": "unknown_source" } }
 *     503 { "error": { "code": "unavailable" } }   (the department is down; try again later)
 *
 * Every source answers only about the people asked for, except household_registry, which answers with every
 * registered member of the hukou households (户) those people belong to: that is how an undeclared member shows up.
 * All money is integer fen (分); areas are square metres.
 */

export const DEPARTMENT_SOURCES = [
  'household_registry',
  'vehicles',
  'real_estate',
  'business_registration',
  'tax',
  'social_insurance',
  'housing_fund',
  'banks',
] as const;

export type DepartmentSource = (typeof DEPARTMENT_SOURCES)[number];

export function isDepartmentSource(value: string): value is DepartmentSource {
  return (DEPARTMENT_SOURCES as readonly string[]).includes(value);
}

/** An 18-character resident ID number with a correct check character (GB 11643-1999). */
export const idNumberSchema = z.string().refine(isValidIdNumber, { message: 'not a valid resident ID number' });
/** Money in fen: a non-negative safe integer, never a float. */
const fen = z.number().int().nonnegative();
const text = z.string().min(1).max(200);

export const householdRegistryRecordSchema = z.object({
  source: z.literal('household_registry'),
  idNumber: idNumberSchema,
  /** 户号: equal for everyone registered in one household. */
  householdNo: text,
  name: text,
  /** Relation to the head of the registered household (户主, 配偶, 子女...), as the registry writes it. */
  relation: text,
});

export const vehicleRecordSchema = z.object({
  source: z.literal('vehicles'),
  idNumber: idNumberSchema,
  plate: text,
  /** 'farm' is agricultural machinery (农用车), which the eligibility rules do not count as a vehicle. */
  kind: z.enum(['car', 'truck', 'motorcycle', 'farm']),
  valueFen: fen,
});

export const realEstateRecordSchema = z.object({
  source: z.literal('real_estate'),
  idNumber: idNumberSchema,
  certificateNo: text,
  areaM2: z.number().nonnegative(),
  use: z.enum(['residential', 'commercial', 'other']),
});

export const businessRegistrationRecordSchema = z.object({
  source: z.literal('business_registration'),
  idNumber: idNumberSchema,
  enterprise: text,
  role: z.enum(['legal_representative', 'shareholder']),
  registeredCapitalFen: fen,
});

export const taxRecordSchema = z.object({
  source: z.literal('tax'),
  idNumber: idNumberSchema,
  /** Taxable income per month from this payer (扣缴单位). */
  monthlyIncomeFen: fen,
  payer: text,
});

export const socialInsuranceRecordSchema = z.object({
  source: z.literal('social_insurance'),
  idNumber: idNumberSchema,
  status: z.enum(['employed', 'pensioner', 'none']),
  /** The contribution wage base when employed, the pension when a pensioner, 0 otherwise. */
  monthlyIncomeFen: fen,
});

export const housingFundRecordSchema = z.object({
  source: z.literal('housing_fund'),
  idNumber: idNumberSchema,
  monthlyDepositFen: fen,
});

export const bankRecordSchema = z.object({
  source: z.literal('banks'),
  idNumber: idNumberSchema,
  bank: text,
  balanceFen: fen,
});

/** One record a department holds about one person; `source` says which department and which shape. */
export const departmentRecordSchema = z.discriminatedUnion('source', [
  householdRegistryRecordSchema,
  vehicleRecordSchema,
  realEstateRecordSchema,
  businessRegistrationRecordSchema,
  taxRecordSchema,
  socialInsuranceRecordSchema,
  housingFundRecordSchema,
  bankRecordSchema,
]);

export type DepartmentRecord = z.infer<typeof departmentRecordSchema>;
export type HouseholdRegistryRecord = z.infer<typeof householdRegistryRecordSchema>;
export type VehicleRecord = z.infer<typeof vehicleRecordSchema>;
export type RealEstateRecord = z.infer<typeof realEstateRecordSchema>;
export type BusinessRegistrationRecord = z.infer<typeof businessRegistrationRecordSchema>;
export type TaxRecord = z.infer<typeof taxRecordSchema>;
export type SocialInsuranceRecord = z.infer<typeof socialInsuranceRecordSchema>;
export type HousingFundRecord = z.infer<typeof housingFundRecordSchema>;
export type BankRecord = z.infer<typeof bankRecordSchema>;
/** The record shape of one source. */
export type RecordOf<S extends DepartmentSource> = Extract<DepartmentRecord, { source: S }>;

/** Body of a query: a household is at most a few dozen people, so one request carries all of them. */
export const departmentQueryRequestSchema = z.object({ idNumbers: z.array(idNumberSchema).min(1).max(100) });
/** Body of a 200 answer to a query. */
export const departmentQueryResponseSchema = z.object({ records: z.array(departmentRecordSchema) });
/** Body of every non-200 answer. `field` and `rule` are set on invalid_request and never repeat the input. */
export const departmentErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), field: z.string().optional(), rule: z.string().optional() }),
});

export type DepartmentQueryRequest = z.infer<typeof departmentQueryRequestSchema>;
export type DepartmentQueryResponse = z.infer<typeof departmentQueryResponseSchema>;
export type DepartmentErrorResponse = z.infer<typeof departmentErrorResponseSchema>;

/**
 * The departments as the economic-check activity sees them. One call per source with every member's ID number
 * (8 calls per check, whatever the household size). Resolves with the source's records about those people (see
 * household_registry above); rejects with DepartmentUnavailableError (retry later) or DepartmentProtocolError (don't).
 */
export interface DepartmentsPort {
  query(source: DepartmentSource, idNumbers: string[]): Promise<DepartmentRecord[]>;
}

/**
 * The department could not be reached, timed out, or answered 5xx/429: a fault of the moment, so the calling
 * Temporal activity retries. `status` is the HTTP status, undefined when no answer came. Never carries ID numbers.
 */
export class DepartmentUnavailableError extends Error {
  override readonly name = 'DepartmentUnavailableError';

  constructor(
    readonly source: string,
    readonly status: number | undefined,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`department source "${source}" unavailable: ${status === undefined ? reason : `HTTP ${status}, ${reason}`}`, options);
  }
}

/**
 * The exchange broke the protocol: unknown source (404), a request the department rejected (400, with the field
 * and rule), or an answer that does not match the schema. Repeating the same call gives the same answer, so the
 * activity lists this error as non-retryable. Never carries ID numbers.
 */
export class DepartmentProtocolError extends Error {
  override readonly name = 'DepartmentProtocolError';

  constructor(
    readonly source: string,
    readonly status: number,
    readonly code: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    const where = field === undefined ? '' : ` at ${field || '(body)'}${rule ? `: ${rule}` : ''}`;
    super(`department source "${source}" refused the exchange: HTTP ${status} ${code}${where}`);
  }
}
