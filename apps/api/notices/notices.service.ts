import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Application } from '../../../activities/application/application.entity';
import { Notice } from '../../../activities/application/notice.entity';
import { NoticeService } from '../../../activities/application/notice-service.entity';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import type { ServiceBody } from './notices.schemas';

/** The record of how each written notice was served (送达), kept beside the notice and audited. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async record(user: AuthUser, noticeId: string, body: ServiceBody) {
    const em = this.orm.em.fork();
    const { notice, application } = await this.inScope(em, user, noticeId);
    const service = new NoticeService({
      id: randomUUID(),
      noticeId: notice.id,
      applicationId: notice.applicationId,
      method: body.method,
      receivedBy: body.receivedBy,
      servedAt: new Date(body.servedAt),
      note: body.note ?? null,
      recordedById: user.id,
      recordedAt: new Date(),
    });
    await em.transactional(async (tx) => {
      tx.persist(service);
      await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: application.regionCode, action: 'notice_served', targetType: 'application', targetId: application.id, after: { noticeId: notice.id, kind: notice.kind, method: body.method, receivedBy: body.receivedBy } });
    });
    return view(service);
  }

  async list(user: AuthUser, noticeId: string) {
    const em = this.orm.em.fork();
    const { notice } = await this.inScope(em, user, noticeId);
    const services = await em.find(NoticeService, { noticeId: notice.id }, { orderBy: { servedAt: 'asc', id: 'asc' } });
    return { noticeId: notice.id, kind: notice.kind, issuedAt: notice.issuedAt, items: services.map(view) };
  }

  private async inScope(em: EntityManager, user: AuthUser, noticeId: string) {
    const notice = await em.findOne(Notice, { id: noticeId });
    const application = notice && (await em.findOne(Application, { id: notice.applicationId, regionPath: { $like: `${user.regionPath}%` } }));
    if (!notice || !application) throw new NotFoundError(`no notice ${noticeId} in your region`);
    return { notice, application };
  }
}

function view(s: NoticeService) {
  return { id: s.id, method: s.method, receivedBy: s.receivedBy, servedAt: s.servedAt, note: s.note, recordedById: s.recordedById, recordedAt: s.recordedAt };
}
