import { z } from 'zod';
import { isoDateSchema } from '../../../config/dates.schema';
import { isValidIdNumber } from '../../../activities/departments/id-number';
import { RELATIONS } from '../../../activities/households/member.entity';

/** Documents an application may carry; the ID card and the signed authorization are the minimum (seed 002). */
export const DOCUMENT_CODES = [
  'id_card',
  'authorization',
  'household_register',
  'income_proof',
  'disability_certificate',
  'housing_proof',
  'marriage_certificate',
] as const;
const MINIMUM_DOCUMENTS = ['id_card', 'authorization'];

const isoDate = isoDateSchema;
const fen = z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan').min(0, 'must not be negative');

export const memberSchema = z
  .object({
    name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(50, 'must be at most 50 characters'),
    idNumber: z
      .string({ error: 'is required' })
      .regex(/^\d{17}[\dX]$/, 'must be an 18-character resident ID number')
      .refine(isValidIdNumber, 'has a wrong check digit'),
    relation: z.enum(RELATIONS, { error: `must be one of ${RELATIONS.join(', ')}` }),
    birthDate: isoDate,
    declaredMonthlyIncomeFen: fen,
    disabilityGrade: z.number().int('must be a whole grade').min(1, 'must be 1 to 4').max(4, 'must be 1 to 4').nullable().default(null),
  })
  .strict();

/** 代发账户: where the benefit is paid. Spaces and dashes as printed on a card are dropped before checking. */
export const bankAccountSchema = z
  .object({
    bankName: z.string({ error: 'is required' }).trim().min(2, 'must name the bank and branch').max(60, 'must be at most 60 characters'),
    accountNumber: z
      .string({ error: 'is required' })
      .transform((v) => v.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{12,25}$/, 'must be a bank account or card number of 12 to 25 digits')),
  })
  .strict();

/** A household's members: exactly one head, nobody twice, each birth date the one the ID number carries. */
export const householdMembersSchema = z
  .array(memberSchema)
  .min(1, 'a household has at least one member')
  .max(20, 'must list at most 20 members')
  .superRefine((members, ctx) => {
    const heads = members.filter((m) => m.relation === 'head').length;
    if (heads !== 1) ctx.addIssue({ code: 'custom', path: [], message: `must have exactly one head of household, found ${heads}` });
    const seen = new Set<string>();
    members.forEach((m, i) => {
      if (seen.has(m.idNumber)) ctx.addIssue({ code: 'custom', path: [i, 'idNumber'], message: 'appears twice in the household' });
      seen.add(m.idNumber);
      const embedded = `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`;
      if (/^\d{17}[\dX]$/.test(m.idNumber) && m.birthDate !== embedded) {
        ctx.addIssue({ code: 'custom', path: [i, 'birthDate'], message: 'must match the birth date in the ID number' });
      }
    });
  });

/** Where a household lives and how to reach it: the fields every register entry starts with. */
export const householdPlaceFields = {
  regionCode: z.string({ error: 'is required' }).regex(/^\d{12}$/, 'must be the 12-digit code of a village or community'),
  address: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  phone: z
    .string()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile or landline number')
    .nullable()
    .default(null),
};

export const createApplicationSchema = z
  .object({
    ...householdPlaceFields,
    bankAccount: bankAccountSchema.nullable().default(null),
    members: householdMembersSchema,
    /** 申报财产: what the household owns, compared later with what the economic check finds. */
    declaredAssets: z
      .object({
        depositsFen: fen,
        vehicles: z.number().int('must be a whole number').min(0, 'must not be negative').max(99, 'must be at most 99'),
        properties: z.number().int('must be a whole number').min(0, 'must not be negative').max(99, 'must be at most 99'),
        businesses: z.number().int('must be a whole number').min(0, 'must not be negative').max(99, 'must be at most 99'),
      })
      .strict()
      .nullable()
      .default(null),
    authorizationSigned: z.literal(true, { error: 'the 家庭经济状况核对授权书 must be signed' }),
    /** The day the members signed it (default: today); not in the future. */
    authorizationSignedOn: isoDate.refine((d) => d <= new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), 'must not be in the future')
      .optional(),
    missingDocuments: z
      .array(z.enum(DOCUMENT_CODES, { error: `must be one of ${DOCUMENT_CODES.join(', ')}` }))
      .max(DOCUMENT_CODES.length)
      .default([])
      .refine((docs) => docs.every((d) => !MINIMUM_DOCUMENTS.includes(d)), 'the ID card and the signed authorization cannot be supplemented later'),
  })
  .strict();

export type CreateApplicationBody = z.infer<typeof createApplicationSchema>;

export const objectionSchema = z
  .object({
    content: z.string({ error: 'is required' }).trim().min(1, 'is required').max(2000, 'must be at most 2000 characters'),
    objectorName: z.string().trim().max(50, 'must be at most 50 characters').nullable().default(null),
  })
  .strict();

export type ObjectionBody = z.infer<typeof objectionSchema>;

export const listApplicationsSchema = z
  .object({
    status: z.enum(['in_progress', 'approved', 'rejected', 'returned', 'closed']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export type ListApplicationsQuery = z.infer<typeof listApplicationsSchema>;

export const REVEALABLE_FIELDS = ['idNumber', 'phone', 'address', 'disabilityGrade', 'bankAccount'] as const;

/** 查看明文: which personal fields to reveal, and why (the reason goes into the audit log). */
export const revealSchema = z
  .object({
    fields: z.array(z.enum(REVEALABLE_FIELDS)).min(1).max(REVEALABLE_FIELDS.length),
    reason: z.string().trim().min(2, 'must say why').max(200, 'must be at most 200 characters'),
  })
  .strict();

export type RevealBody = z.infer<typeof revealSchema>;
