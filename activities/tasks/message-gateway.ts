import { z } from 'zod';

/**
 * The bureau's unified messaging platform (统一消息平台 / 政务微信), as the reminder sweep speaks to it: one POST per
 * message to `<url>/v1/messages`, addressed to a staff account id, which the platform maps to the person's phone or
 * work chat. The body carries the case number, step, kind and due time, never a household's personal data. The
 * departments sandbox answers the same protocol for development and tests.
 */
export const reminderMessageSchema = z
  .object({
    /** Idempotency key on the gateway side: the reminder's id. */
    messageId: z.string().min(1).max(64),
    toUserId: z.string().uuid(),
    kind: z.enum(['due_soon', 'overdue']),
    caseNo: z.string().min(1).max(40),
    step: z.string().min(1).max(32),
    dueAt: z.string().datetime(),
    text: z.string().min(1).max(200),
  })
  .strict();
export type ReminderMessage = z.infer<typeof reminderMessageSchema>;

const TIMEOUT_MS = 5_000;

/** Sends one message; throws when the gateway does not take it (the sweep retries it on its next round). */
export async function sendMessage(baseUrl: string, message: ReminderMessage): Promise<void> {
  const res = await fetch(new URL('/v1/messages', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`message gateway answered ${res.status}`);
}
