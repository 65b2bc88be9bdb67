import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { CalendarService } from '../regions/calendar.service';
import { workingDaysCutoff } from '../../workflows/domain/calendar';
import { STEP_LABELS } from '../../workflows/application/steps';
import { sendMessage } from './message-gateway';
import { Task } from './task.entity';
import { TaskReminder, type ReminderKind } from './task-reminder.entity';

/** Tasks read per page of the sweep (keyset on the open-due index). */
const PAGE = 500;
/** Messages sent per round; the rest go on the next round. */
const SEND_BATCH = 200;

export interface ReminderOptions {
  /** A claimed task is reminded when it falls due within this many working days (and again once overdue). */
  workingDays: number;
  /** The unified messaging platform; without it reminders are shown in the console only. */
  gatewayUrl?: string;
}

/**
 * One sweep: every open, claimed task due before the cutoff gets a reminder for its holder (due soon, or overdue),
 * at most once per task, holder and kind whatever the number of sweeps or workers; then unsent reminders go to the
 * message gateway when one is configured. Returns how many reminders were new and how many messages were sent.
 */
export async function remindDueTasks(orm: MikroORM, calendars: CalendarService, options: ReminderOptions, nowMs = Date.now()): Promise<{ reminded: number; sent: number }> {
  const cutoff = workingDaysCutoff(await calendars.calendar(), nowMs, options.workingDays);
  const em = orm.em.fork() as unknown as SqlEntityManager;
  let reminded = 0;
  let after: { dueAt: Date; id: string } | undefined;
  for (;;) {
    const page = await em.find(
      Task,
      { status: 'open', dueAt: { $lt: cutoff }, ...(after ? { $or: [{ dueAt: { $gt: after.dueAt } }, { dueAt: after.dueAt, id: { $gt: after.id } }] } : {}) },
      { orderBy: { dueAt: 'asc', id: 'asc' }, limit: PAGE, fields: ['id', 'assigneeId', 'caseNo', 'step', 'dueAt'] },
    );
    if (page.length === 0) break;
    const rows = page
      .filter((t) => t.assigneeId)
      .map((t) => ({ id: randomUUID(), taskId: t.id, userId: t.assigneeId!, kind: (t.dueAt.getTime() <= nowMs ? 'overdue' : 'due_soon') as ReminderKind, caseNo: t.caseNo, step: t.step, dueAt: t.dueAt, createdAt: new Date(nowMs) }));
    if (rows.length > 0) {
      const before = await em.count(TaskReminder, { taskId: { $in: rows.map((r) => r.taskId) } });
      await em.createQueryBuilder(TaskReminder).insert(rows).onConflict(['taskId', 'userId', 'kind']).ignore().execute();
      reminded += (await em.count(TaskReminder, { taskId: { $in: rows.map((r) => r.taskId) } })) - before;
    }
    const last = page[page.length - 1]!;
    after = { dueAt: last.dueAt, id: last.id };
    if (page.length < PAGE) break;
  }
  const sent = options.gatewayUrl ? await sendUnsent(orm, options.gatewayUrl, nowMs) : 0;
  return { reminded, sent };
}

/** Claims each unsent reminder (a conditional update, so two workers never send one twice) and sends it. */
async function sendUnsent(orm: MikroORM, gatewayUrl: string, nowMs: number): Promise<number> {
  const em = orm.em.fork();
  const unsent = await em.find(TaskReminder, { sentAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: SEND_BATCH });
  let sent = 0;
  for (const r of unsent) {
    if ((await em.nativeUpdate(TaskReminder, { id: r.id, sentAt: null }, { sentAt: new Date(nowMs) })) !== 1) continue;
    try {
      await sendMessage(gatewayUrl, {
        messageId: r.id,
        toUserId: r.userId,
        kind: r.kind,
        caseNo: r.caseNo,
        step: r.step,
        dueAt: r.dueAt.toISOString(),
        text: reminderText(r),
      });
      sent += 1;
    } catch {
      // Not taken: released for the next round.
      await em.nativeUpdate(TaskReminder, { id: r.id }, { sentAt: null });
    }
  }
  return sent;
}

/** The message as a caseworker reads it: case number, step and deadline in Beijing time. */
export function reminderText(r: Pick<TaskReminder, 'kind' | 'caseNo' | 'step' | 'dueAt'>): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(r.dueAt).map((p) => [p.type, p.value]),
  );
  const due = `${Number(parts.month)}月${Number(parts.day)}日${parts.hour}:${parts.minute}`;
  const step = (STEP_LABELS as Record<string, string>)[r.step] ?? '待办';
  return r.kind === 'overdue' ? `【超期提醒】案件${r.caseNo}的${step}已于${due}到期,请尽快办理。` : `【临期提醒】案件${r.caseNo}的${step}将于${due}到期,请及时办理。`;
}
