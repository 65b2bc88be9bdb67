import { z } from 'zod';
import { isoDateSchema, isoMonthSchema } from '../../../config/dates.schema';
import { isValidIdNumber } from '../../../activities/departments/id-number';
import { TEKUN_CASE_STATUSES } from '../../../activities/tekun/tekun-case.entity';
import { TEKUN_END_REASONS } from '../../../workflows/tekun/definitions';
import { bankAccountSchema, householdPlaceFields } from '../applications/applications.schemas';

/**
 * 特困供养申请: the person (a member of a registered household is found by ID digest; anyone else becomes a
 * one-person household), where they live, and the account their support is paid to (分散供养).
 */
export const createTekunApplicationSchema = z
  .object({
    ...householdPlaceFields,
    person: z
      .object({
        name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(50, 'must be at most 50 characters'),
        idNumber: z
          .string({ error: 'is required' })
          .regex(/^\d{17}[\dX]$/, 'must be an 18-character resident ID number')
          .refine(isValidIdNumber, 'has a wrong check digit'),
        birthDate: isoDateSchema,
      })
      .strict()
      .superRefine((p, ctx) => {
        const embedded = `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`;
        if (/^\d{17}[\dX]$/.test(p.idNumber) && p.birthDate !== embedded) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'must match the birth date in the ID number' });
      }),
    bankAccount: bankAccountSchema.nullable().default(null),
  })
  .strict();

export type CreateTekunApplicationBody = z.infer<typeof createTekunApplicationSchema>;

export const listTekunCasesSchema = z
  .object({
    status: z.enum(TEKUN_CASE_STATUSES, { error: `must be one of ${TEKUN_CASE_STATUSES.join(', ')}` }).optional(),
    page: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').default(1),
    pageSize: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  })
  .strict();

export type ListTekunCasesQuery = z.infer<typeof listTekunCasesSchema>;

/** 终止供养: why, from which month nothing is paid, and the township's note (printed nowhere, kept in the audit). */
export const endTekunSupportSchema = z
  .object({
    reason: z.enum(TEKUN_END_REASONS, { error: `must be one of ${TEKUN_END_REASONS.join(', ')}` }),
    effectiveMonth: z.string({ error: 'is required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'),
    note: z.string({ error: 'is required (what happened)' }).trim().min(1, 'is required (what happened)').max(2000, 'must be at most 2000 characters'),
  })
  .strict();

export type EndTekunSupportBody = z.infer<typeof endTekunSupportSchema>;

/** 集中供养 settlement of a county for a month. */
export const institutionSettlementSchema = z
  .object({
    countyCode: z.string({ error: 'is required' }).regex(/^\d{6}$/, 'must be a 6-digit county or district code'),
    month: isoMonthSchema,
  })
  .strict();

export type InstitutionSettlementQuery = z.infer<typeof institutionSettlementSchema>;
