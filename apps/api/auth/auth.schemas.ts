import { z } from 'zod';

export const loginSchema = z
  .object({
    username: z.string({ error: 'is required' }).min(1, 'is required').max(64, 'must be at most 64 characters'),
    password: z.string({ error: 'is required' }).min(1, 'is required').max(256, 'must be at most 256 characters'),
  })
  .strict();

export type LoginBody = z.infer<typeof loginSchema>;

/** At least 12 characters from at least three of: lower case, upper case, digits, other characters. */
export const strongPassword = z
  .string({ error: 'is required' })
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters')
  .refine((p) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(p)).length >= 3, 'must mix at least three of lower case, upper case, digits and other characters');

/** 修改密码: the current password again (a stolen token alone cannot change it) and the new one. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'is required' }).min(1, 'is required').max(256, 'must be at most 256 characters'),
    newPassword: strongPassword,
  })
  .strict()
  .refine((b) => b.newPassword !== b.currentPassword, { path: ['newPassword'], message: 'must differ from the current password' });

export type ChangePasswordBody = z.infer<typeof changePasswordSchema>;
