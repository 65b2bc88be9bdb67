import type { Client } from '@temporalio/client';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { relayEach, startOnce } from '../temporal/start-once';

/**
 * What a case type tells the one starter: its durable workflow type and id scheme, and how its records say whether
 * a workflow was started. Inputs carry ids, codes, fen and the policy only.
 */
export interface StartableCaseType<Input> {
  workflowType: string;
  workflowId(caseId: string): string;
  /** The workflow input, or null when the record shows its workflow already started. */
  inputOf(em: EntityManager, caseId: string): Promise<Input | null>;
  /** Records the start (only where not yet recorded: a concurrent starter may have done it). */
  markStarted(em: EntityManager, caseId: string, at: Date): Promise<void>;
  /** Oldest records whose workflow is not confirmed, written before `before`. */
  pendingIds(em: EntityManager, before: Date, batch: number): Promise<string[]>;
}

/** A case type's starter, as the relay sees it. */
export interface Relayable {
  relayPending(olderThanMs?: number, batch?: number): Promise<number>;
}

/**
 * Starts the workflow of a committed case record, once: the workflow id is derived from the case id, so the API's
 * immediate attempt and the relay's later sweep may both run without creating two cases.
 */
export class CaseTypeStarter<Input> implements Relayable {
  constructor(
    private readonly orm: MikroORM,
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly caseType: StartableCaseType<Input>,
  ) {}

  async start(caseId: string): Promise<void> {
    const em = this.orm.em.fork();
    const input = await this.caseType.inputOf(em, caseId);
    if (input === null) return;
    await startOnce(this.client, this.caseType.workflowType, { taskQueue: this.taskQueue, workflowId: this.caseType.workflowId(caseId), args: [input] });
    await this.caseType.markStarted(em, caseId, new Date());
  }

  /** Starts every record whose workflow is not confirmed; failures stay pending for the next sweep. */
  async relayPending(olderThanMs = 5_000, batch = 100): Promise<number> {
    const ids = await this.caseType.pendingIds(this.orm.em.fork(), new Date(Date.now() - olderThanMs), batch);
    return relayEach(ids, (id) => this.start(id));
  }
}

/**
 * The worker's relay: one sweep over every case type's starter, side by side (urgent requests never wait behind a
 * slow sweep of routine cases); a failing one does not stop the others. Returns how many were started.
 */
export async function relayAll(starters: readonly Relayable[]): Promise<number> {
  const counts = await Promise.all(starters.map((s) => s.relayPending().catch(() => 0)));
  return counts.reduce((a, b) => a + b, 0);
}
