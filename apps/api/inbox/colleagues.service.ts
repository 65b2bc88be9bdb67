import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { User } from '../../../activities/identity/user.entity';
import { Task } from '../../../activities/tasks/task.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';

/**
 * Who a supervisor may hand overdue work to (督办 → AB岗): the active users with the overdue task's role whose region
 * covers the task's region — the same rule the decision is checked against — by name, so nobody types an id.
 */
@Injectable()
export class ColleaguesService {
  constructor(private readonly orm: MikroORM) {}

  async forTask(user: AuthUser, taskId: string) {
    const em = this.orm.em.fork();
    const task = await em.findOne(Task, { id: taskId, regionPath: { $like: `${user.regionPath}%` } });
    if (!task) throw new NotFoundError(`no task ${taskId} in your region`);
    const overdue = task.escalationOf ? await em.findOne(Task, task.escalationOf) : task;
    if (!overdue) return { role: task.role, items: [] };
    // Every ancestor path of the task's region (a user's region must be one of them, or the region itself).
    const parts = overdue.regionPath.split('/').filter(Boolean);
    const paths = parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
    const users = await em.find(
      User,
      { role: overdue.role, status: 'active', regionPath: { $in: paths } },
      { orderBy: { displayName: 'asc', id: 'asc' }, limit: 200, fields: ['id', 'displayName', 'regionCode'] },
    );
    return { role: overdue.role, items: users.map((u) => ({ userId: u.id, displayName: u.displayName, regionCode: u.regionCode })) };
  }
}
