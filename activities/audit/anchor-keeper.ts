import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/core';
import type { AuditAnchor } from './audit-anchor.entity';
import { AuditLog } from './audit-log.service';

export interface ExternalAnchor {
  chain: string;
  seq: number;
  hash: string;
  anchoredAt: string;
}

/**
 * Records the head of every chain that grew as an anchor and, when a copy file is given, appends the anchors to it (a
 * JSON array, the format `npm run audit:verify -- --anchors <file>` reads). Point the file at storage the database administrators
 * cannot write (another host's mount, WORM storage): removing the newest entries is then caught even if the anchors
 * in the database were removed too.
 */
export async function anchorOnce(orm: MikroORM, copyFile?: string, audit = new AuditLog()): Promise<AuditAnchor[]> {
  const anchors = await audit.anchor(orm.em.fork());
  if (anchors.length > 0 && copyFile) {
    const kept: ExternalAnchor[] = existsSync(copyFile) ? (JSON.parse(readFileSync(copyFile, 'utf8')) as ExternalAnchor[]) : [];
    for (const a of anchors) kept.push({ chain: a.chain, seq: a.seq, hash: a.hash, anchoredAt: a.anchoredAt.toISOString() });
    writeFileSync(`${copyFile}.tmp`, JSON.stringify(kept, null, 1));
    renameSync(`${copyFile}.tmp`, copyFile);
  }
  return anchors;
}

/** How often an empty log is looked at again until its first anchor is written. */
const FIRST_ANCHOR_POLL_MS = 60_000;

/**
 * Anchors in a long-running process (the worker) at once, then every interval; until it has written an anchor (an
 * empty or unchanged log) it looks again every minute, so the first anchor never waits for a whole interval. Returns a
 * function that stops it.
 */
export function startAnchoring(orm: MikroORM, options: { intervalMs: number; copyFile?: string; firstPollMs?: number }): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let anchored = false;
  const run = async (): Promise<void> => {
    const anchors = await anchorOnce(orm, options.copyFile).catch(() => []);
    if (stopped) return;
    anchored ||= anchors.length > 0;
    const next = anchored ? options.intervalMs : Math.min(options.intervalMs, options.firstPollMs ?? FIRST_ANCHOR_POLL_MS);
    timer = setTimeout(() => void run(), next);
    timer.unref();
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
