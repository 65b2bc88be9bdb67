import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { caseStateQuery, completeTaskUpdate, fileObjectionUpdate, type CaseSnapshot } from '../../workflows/application/definitions';
import type { Actor, StepDecision } from '../../workflows/application/decisions';
import type { Role } from '../../workflows/domain/roles';
import type { FakeCaseStore, FakeTask } from './fake-activities';

/** The default person of each role in workflow tests (ids only, like the real payloads). */
export function actor(role: Role, who = 'A'): Actor {
  return { userId: `${role}:${who}`, role };
}

/** Drives one case as caseworkers would: wait for a task, decide it, let timers run. */
export class CaseDriver {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle,
    readonly store: FakeCaseStore,
  ) {}

  state(): Promise<CaseSnapshot> {
    return this.handle.query(caseStateQuery);
  }

  /** Waits (in real time, briefly) until the workflow has an open task of the step in its state, and its row exists. */
  async task(step: FakeTask['step'], round?: number): Promise<FakeTask> {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const snapshot = await this.state();
      const open = snapshot.openTasks.find((t) => t.step === step && (round === undefined || t.taskId.endsWith(`:${round}`)));
      // The workflow knows a task before its row is written (as the inbox would show it): wait for both.
      const row = open && this.store.tasks.get(open.taskId);
      if (row) return row;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no open ${step} task; state: ${JSON.stringify(await this.state())}`);
  }

  async complete(step: FakeTask['step'], decision: StepDecision, who?: Actor): Promise<CaseSnapshot> {
    const task = await this.task(step);
    return this.handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, submissionId: `sub:${task.taskId}`, actor: who ?? actor(task.role), decision }],
    });
  }

  objection(objectionId: string, who = actor('village_assistant')): Promise<CaseSnapshot> {
    return this.handle.executeUpdate(fileObjectionUpdate, { args: [{ objectionId, actor: who }] });
  }

  /** Waits until the case is in a publicity period, then lets time run to just after its end. */
  async passPublicity(): Promise<void> {
    const publicity = await this.waitFor((s) => s.publicity !== undefined);
    await this.skipTo(publicity.publicity!.endsAt);
    await this.waitFor((s) => s.publicity === undefined || s.publicity.endsAt !== publicity.publicity!.endsAt);
  }

  /** Skips server time to a minute after the given instant. */
  async skipTo(epochMs: number): Promise<void> {
    const now = await this.env.currentTimeMs();
    if (epochMs + 60_000 > now) await this.env.sleep(epochMs + 60_000 - now);
  }

  async waitFor(predicate: (s: CaseSnapshot) => boolean): Promise<CaseSnapshot> {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const snapshot = await this.state();
      if (predicate(snapshot)) return snapshot;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`condition not reached; state: ${JSON.stringify(await this.state())}`);
  }
}
