import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/core';
import type { AuditAnchor } from './audit-anchor.entity';
import { AuditLog } from './audit-log.service';

export interface ExternalAnchor {
  seq: number;
  hash: string;
  anchoredAt: string;
}

/**
 * Records the audit head as an anchor and, when a copy file is given, appends the anchor to it (a JSON array, the
 * format `npm run audit:verify -- --anchors <file>` reads). Point the file at storage the database administrators
 * cannot write (another host's mount, WORM storage): removing the newest entries is then caught even if the anchors
 * in the database were removed too.
 */
export async function anchorOnce(orm: MikroORM, copyFile?: string, audit = new AuditLog()): Promise<AuditAnchor | null> {
  const anchor = await audit.anchor(orm.em.fork());
  if (anchor && copyFile) {
    const kept: ExternalAnchor[] = existsSync(copyFile) ? (JSON.parse(readFileSync(copyFile, 'utf8')) as ExternalAnchor[]) : [];
    kept.push({ seq: anchor.seq, hash: anchor.hash, anchoredAt: anchor.anchoredAt.toISOString() });
    writeFileSync(`${copyFile}.tmp`, JSON.stringify(kept, null, 1));
    renameSync(`${copyFile}.tmp`, copyFile);
  }
  return anchor;
}

/** Anchors periodically in a long-running process (the worker); returns a function that stops it. */
export function startAnchoring(orm: MikroORM, options: { intervalMs: number; copyFile?: string }): () => void {
  const timer = setInterval(() => {
    anchorOnce(orm, options.copyFile).catch(() => undefined);
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
