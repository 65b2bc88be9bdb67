import { z } from 'zod';

export const loginSchema = z
  .object({
    username: z.string({ error: 'is required' }).min(1, 'is required').max(64, 'must be at most 64 characters'),
    password: z.string({ error: 'is required' }).min(1, 'is required').max(256, 'must be at most 256 characters'),
  })
  .strict();

export type LoginBody = z.infer<typeof loginSchema>;
