import { z } from 'zod';
import { ROLES } from '../../../workflows/domain/roles';

const reason = z.string({ error: 'is required' }).trim().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters');
const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const regionCode = z.string({ error: 'is required' }).regex(/^\d{6,12}$/, 'must be a region code');

/** A page of the users in the administrator's subtree. */
export const userListSchema = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListSchema>;

/** A new user: one role, one region within the administrator's subtree, a password of at least 12 characters. */
export const createUserSchema = z
  .object({
    username: z
      .string({ error: 'is required' })
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'must be 3–64 lowercase letters, digits, dots, dashes or underscores'),
    displayName: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
    password: z.string({ error: 'is required' }).min(12, 'must be at least 12 characters').max(256, 'must be at most 256 characters'),
    role,
    regionCode,
  })
  .strict();
export type CreateUserBody = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({ role, reason }).strict();
export type ChangeRoleBody = z.infer<typeof changeRoleSchema>;

export const changeRegionSchema = z.object({ regionCode, reason }).strict();
export type ChangeRegionBody = z.infer<typeof changeRegionSchema>;

export const statusChangeSchema = z.object({ reason }).strict();
export type StatusChangeBody = z.infer<typeof statusChangeSchema>;
