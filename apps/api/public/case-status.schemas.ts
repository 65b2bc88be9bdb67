import { z } from 'zod';

/** 查询办理进度: the case number from the acceptance notice and the last six characters of the applicant's ID number. */
export const caseStatusSchema = z
  .object({
    caseNumber: z
      .string({ error: 'is required (the case number on the acceptance notice)' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{6,40}$/, 'must be a case number as printed on the acceptance notice, e.g. DB-220103-20261123-7K3QD'),
    idSuffix: z
      .string({ error: "is required (the last 6 characters of the applicant's ID number)" })
      .trim()
      .toUpperCase()
      .regex(/^\d{5}[\dX]$/, "must be the last 6 characters of the applicant's ID number (digits, the last may be X)"),
  })
  .strict();

export type CaseStatusBody = z.infer<typeof caseStatusSchema>;
