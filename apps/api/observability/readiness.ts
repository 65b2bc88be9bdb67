import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';

export interface Probe {
  reachable: boolean;
  error?: string;
}

/** Runs one check with a time limit; the answer is reachable or the first line of the error. */
export async function probe(check: () => Promise<unknown>, timeoutMs = 3000): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)))]);
    return { reachable: true };
  } catch (err) {
    return { reachable: false, error: err instanceof Error ? err.message.split('\n')[0] : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this API process should get traffic: the database answers a ping, Temporal answers GetSystemInfo, and the
 * process is not draining (after SIGTERM the balancer must stop sending requests before the listener closes).
 */
export class Readiness {
  private draining = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
  ) {}

  drain(): void {
    this.draining = true;
  }

  async check(): Promise<{ ready: boolean; draining: boolean; database: Probe; temporal: Probe & { namespace: string } }> {
    const [database, temporal] = await Promise.all([
      probe(() => this.orm.em.fork().getConnection().execute('select 1')),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    return { ready: !this.draining && database.reachable && temporal.reachable, draining: this.draining, database, temporal: { ...temporal, namespace: this.temporal.options.namespace } };
  }
}
