import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { parseResultFile, ResultFileFormatError, resultFileHash, type ResultLine } from '../../../activities/payments/bank-result-file';
import { PaymentBatch } from '../../../activities/payments/payment-batch.entity';
import { PaymentResultImport, type RejectedResultLine } from '../../../activities/payments/payment-result-import.entity';
import { Payment, type PaymentReasonCode } from '../../../activities/payments/payment.entity';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError, UnprocessableError, ValidationFailedError } from '../common/errors';

/** A county's result file is a few hundred kilobytes; anything far beyond is not one. */
const MAX_BYTES = 20 * 1024 * 1024;
const PAGE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * 回盘: the bank's result file for a released run moves its payments from released to paid, failed or returned (a
 * paid payment may still come back returned). One transaction per file; the file's hash is unique per run, so the
 * same file imported again answers with the first import and changes nothing. A line whose amount differs from the
 * payment's, or that names no payment of the run, is refused with a reason and changes nothing.
 */
@Injectable()
export class BankResultsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async import(user: AuthUser, batchId: string, contentType: string | undefined, body: Readable) {
    const batch = await this.orm.em.fork().findOne(PaymentBatch, { id: batchId, regionPath: { $like: `${user.regionPath}%` } });
    if (!batch) throw new NotFoundError(`no payment run ${batchId} in your region`);
    if ((contentType ?? '').split(';')[0]!.trim().toLowerCase() !== 'text/csv') throw new ValidationFailedError([{ field: 'content-type', rule: 'must be text/csv' }]);
    if (batch.status !== 'released') throw new ConflictError('not_released', `run ${batchId} is ${batch.status}: results come back for a released run`);
    const content = await readAll(body);
    const fileHash = resultFileHash(content);
    const earlier = await this.orm.em.fork().findOne(PaymentResultImport, { batchId, fileHash });
    if (earlier) return view(earlier, true);
    let parsed: ReturnType<typeof parseResultFile>;
    try {
      parsed = parseResultFile(content);
    } catch (err) {
      if (err instanceof ResultFileFormatError) throw new UnprocessableError([{ field: 'body', rule: err.message }]);
      throw err;
    }
    try {
      const done = await this.orm.em.fork().transactional(async (em) => {
        const id = randomUUID();
        const rejected: RejectedResultLine[] = [...parsed.malformed];
        let applied = 0;
        let unchanged = 0;
        for (let i = 0; i < parsed.lines.length; i += PAGE) {
          const outcome = await apply(em, batchId, id, parsed.lines.slice(i, i + PAGE));
          applied += outcome.applied;
          unchanged += outcome.unchanged;
          rejected.push(...outcome.rejected);
        }
        rejected.sort((a, b) => a.line - b.line);
        const record = new PaymentResultImport({ id, batchId, fileHash, lines: parsed.lines.length + parsed.malformed.length, applied, unchanged, rejected, importedById: user.id, createdAt: new Date() });
        em.persist(record);
        await em.flush();
        await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: batch.countyCode, action: 'payment_results_imported', targetType: 'payment_batch', targetId: batchId, after: { importId: id, fileHash, lines: record.lines, applied, unchanged, rejected: rejected.length } });
        return record;
      });
      return view(done, false);
    } catch (err) {
      // The same file sent twice at once: the second transaction lost the race; answer with the first import.
      if (err instanceof UniqueConstraintViolationException) return view(await this.orm.em.fork().findOneOrFail(PaymentResultImport, { batchId, fileHash }), true);
      throw err;
    }
  }

  async list(user: AuthUser, batchId: string) {
    const em = this.orm.em.fork();
    if (!(await em.count(PaymentBatch, { id: batchId, regionPath: { $like: `${user.regionPath}%` } }))) throw new NotFoundError(`no payment run ${batchId} in your region`);
    return { items: (await em.find(PaymentResultImport, { batchId }, { orderBy: { createdAt: 'desc' }, limit: 100 })).map((r) => view(r, false)) };
  }
}

/** Applies one page of lines to the run's payments; returns what changed and what was refused. */
async function apply(em: EntityManager, batchId: string, importId: string, lines: ResultLine[]) {
  const refs = [...new Set(lines.map((l) => l.reference))];
  const found = await em.find(Payment, { batchId, $or: [{ id: { $in: refs.filter((r) => UUID.test(r)) } }, { idempotencyKey: { $in: refs } }] });
  const byRef = new Map(found.flatMap((p) => [[p.id, p] as const, [p.idempotencyKey, p] as const]));
  const rejected: RejectedResultLine[] = [];
  let applied = 0;
  let unchanged = 0;
  for (const l of lines) {
    const p = byRef.get(l.reference);
    const refuse = (code: string) => rejected.push({ line: l.line, reference: l.reference, code });
    if (!p || p.status === 'cancelled') refuse('unknown_reference');
    else if (p.amountFen !== l.amountFen) refuse('amount_mismatch');
    else if (p.status === l.result) unchanged += 1;
    else if (p.status === 'released' || (p.status === 'paid' && l.result === 'returned')) {
      p.status = l.result;
      p.reasonCode = l.reasonCode as PaymentReasonCode | null;
      p.settledOn = l.valueDate;
      p.resultImportId = importId;
      applied += 1;
    } else refuse('status_conflict');
  }
  await em.flush();
  return { applied, unchanged, rejected };
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new UnprocessableError([{ field: 'body', rule: `must be at most ${MAX_BYTES} bytes` }]);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function view(r: PaymentResultImport, duplicate: boolean) {
  return { id: r.id, batchId: r.batchId, fileHash: r.fileHash, lines: r.lines, applied: r.applied, unchanged: r.unchanged, rejected: r.rejected, importedById: r.importedById, createdAt: r.createdAt, duplicate };
}
