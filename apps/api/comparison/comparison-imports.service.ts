import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { ComparisonImport } from '../../../activities/comparison/comparison-import.entity';
import { csvRows, ListFormatError, xlsxRows } from '../../../activities/comparison/comparison-rows';
import { runComparison } from '../../../activities/comparison/comparison-runner';
import type { Env } from '../../../config/env.schema';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError, UnprocessableError, ValidationFailedError } from '../common/errors';
import { regionInScope } from '../common/region-scope';
import { ENV } from '../infra/tokens';
import { LIST_FORMATS, type ImportQuery } from './comparison.schemas';

/**
 * 数据比对 imports: a department's list streamed from the request body straight into the page-by-page comparison
 * (never held whole in memory); the answer is the finished import with its counts.
 */
@Injectable()
export class ComparisonImportsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async import(user: AuthUser, query: ImportQuery, contentType: string | undefined, body: Readable) {
    const format = LIST_FORMATS[(contentType ?? '').split(';')[0].trim().toLowerCase()];
    if (!format) throw new ValidationFailedError([{ field: 'content-type', rule: `must be one of ${Object.keys(LIST_FORMATS).join(', ')}` }]);
    const em = this.orm.em.fork();
    const region = await regionInScope(em, user, query.regionCode);
    const record = new ComparisonImport({ id: randomUUID(), source: query.source, regionCode: region.code, regionPath: region.path, format, startedById: user.id, startedAt: new Date() });
    await em.transactional(async (tx) => {
      tx.persist(record);
      await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: region.code, action: 'comparison_imported', targetType: 'region', targetId: region.code, after: { importId: record.id, source: query.source, format } });
    });
    const rows = format === 'csv' ? csvRows(body) : xlsxRows(body);
    try {
      return this.view(await runComparison(this.orm, this.env.PII_DIGEST_KEY, record, rows));
    } catch (err) {
      record.status = 'failed';
      record.finishedAt = new Date();
      await this.orm.em.fork().upsert(ComparisonImport, record);
      if (err instanceof ListFormatError) throw new UnprocessableError([{ field: 'body', rule: err.message }]);
      if (err instanceof Error && /csv|zip|xlsx|invalid|end of/i.test(`${err.name} ${err.message}`)) {
        throw new UnprocessableError([{ field: 'body', rule: `must be a readable ${format} file` }]);
      }
      throw err;
    }
  }

  async list(user: AuthUser) {
    const imports = await this.orm.em.fork().find(ComparisonImport, { regionPath: { $like: `${user.regionPath}%` } }, { orderBy: { startedAt: 'desc' }, limit: 100 });
    return { items: imports.map((i) => this.view(i)) };
  }

  async get(user: AuthUser, id: string) {
    const found = await this.orm.em.fork().findOne(ComparisonImport, { id, regionPath: { $like: `${user.regionPath}%` } });
    if (!found) throw new NotFoundError(`no comparison ${id} in your region`);
    return this.view(found);
  }

  private view(i: ComparisonImport) {
    const { id, source, regionCode, format, status, records, matches, leads, confirmed, dismissed, rejectedRows, startedAt, finishedAt } = i;
    return { id, source, regionCode, format, status, records, matches, leads, confirmed, dismissed, pending: leads - confirmed - dismissed, rejectedRows, startedAt, finishedAt };
  }
}
