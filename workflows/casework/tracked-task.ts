import { patched } from '@temporalio/workflow';
import type { Role } from '../domain/roles';

/**
 * Versioning marker of knowing a task before its row exists: the task is tracked before the activity that writes the
 * inbox row, so a decision on a row someone has just seen is never refused as stale. Cases started before it track
 * the task after the row, as they did. The id is shared by every case type: never rename it.
 */
export const TASK_BEFORE_ROW_PATCH = 'task-before-row';

/** What every case type knows of a human task it waits on: codes and times only. */
export interface CaseworkTask {
  taskId: string;
  step: string;
  role: Role;
  /** Epoch ms; 0 until the inbox row has fixed it. */
  dueAt: number;
  overdue: boolean;
}

/**
 * Runs `writeRow` (the activity that writes a task's inbox row) with the task tracked by `track` before it, on
 * histories that have the marker, or after it on histories recorded before. Returns what `writeRow` returned.
 */
export async function trackAroundRow<R>(track: () => void, writeRow: () => Promise<R>): Promise<R> {
  const early = patched(TASK_BEFORE_ROW_PATCH);
  if (early) track();
  const written = await writeRow();
  if (!early) track();
  return written;
}

/**
 * Opens a human task: tracks it in `tasks` (before the row is written, on histories that have the marker) and lets
 * `writeRow` write the inbox row, whose answer fixes the due time. Returns the tracked task.
 */
export async function openTrackedTask<T extends CaseworkTask>(
  tasks: Map<string, T>,
  task: T,
  writeRow: () => Promise<{ dueAt: number }>,
): Promise<T> {
  await trackAroundRow(
    () => tasks.set(task.taskId, task),
    async () => {
      task.dueAt = (await writeRow()).dueAt;
    },
  );
  return task;
}
