import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { reminderText } from '../../../activities/tasks/deadline-reminders';
import { TaskReminder } from '../../../activities/tasks/task-reminder.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';

/** Unread reminders shown at most; a caseworker with more has the inbox's overdue filter for the rest. */
const UNREAD_SHOWN = 50;
const READ_SHOWN = 10;

/** The caller's deadline reminders (临期 / 超期), unread first, read through the (user, read, created) index. */
@Injectable()
export class RemindersService {
  constructor(private readonly orm: MikroORM) {}

  async mine(user: AuthUser) {
    const em = this.orm.em.fork();
    const [unread, unreadCount, read] = await Promise.all([
      em.find(TaskReminder, { userId: user.id, readAt: null }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: UNREAD_SHOWN }),
      em.count(TaskReminder, { userId: user.id, readAt: null }),
      em.find(TaskReminder, { userId: user.id, readAt: { $ne: null } }, { orderBy: { readAt: 'desc', id: 'desc' }, limit: READ_SHOWN }),
    ]);
    return { unread: unreadCount, items: [...unread, ...read].map(view) };
  }

  async markRead(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const reminder = await em.findOne(TaskReminder, { id, userId: user.id });
    if (!reminder) throw new NotFoundError(`no reminder ${id} of yours`);
    reminder.readAt ??= new Date();
    await em.flush();
    return view(reminder);
  }
}

function view(r: TaskReminder) {
  return { id: r.id, kind: r.kind, taskId: r.taskId, caseNo: r.caseNo, step: r.step, dueAt: r.dueAt, createdAt: r.createdAt, readAt: r.readAt, text: reminderText(r) };
}
