import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { Env } from '../../../config/env.schema';
import { Application } from '../../../activities/application/application.entity';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { idDigest, maskIdNumber } from '../../../activities/households/personal-data';
import { User } from '../../../activities/identity/user.entity';
import { KinRegisterEntry } from '../../../activities/integrity/kin-register.entity';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import type { AuthUser } from '../auth/auth.types';
import { UnprocessableError } from '../common/errors';
import { ENV } from '../infra/tokens';
import type { KinEntryBody } from './kin-register.schemas';

/**
 * 近亲属备案: administrators register staff and village cadres with their close relatives; intake matches applicants
 * against the register by ID-number digest. Auditors see the register and every flagged case of their subtree.
 */
@Injectable()
export class KinRegisterService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async register(user: AuthUser, body: KinEntryBody) {
    const em = this.orm.em.fork();
    const region = await em.findOne(Region, body.regionCode);
    if (!region || !withinSubtree(region.path, user.regionPath)) {
      throw new UnprocessableError([{ field: 'regionCode', rule: 'must be a region within your subtree' }]);
    }
    if (body.staffUserId) {
      const staff = await em.findOne(User, body.staffUserId);
      if (!staff || !withinSubtree(staff.regionPath, user.regionPath)) {
        throw new UnprocessableError([{ field: 'staffUserId', rule: 'must be a user of your subtree' }]);
      }
    }
    const entry = new KinRegisterEntry({
      id: randomUUID(),
      staffUserId: body.staffUserId,
      staffName: body.staffName,
      staffKind: body.staffKind,
      regionCode: region.code,
      regionPath: region.path,
      relativeDigest: idDigest(this.env.PII_DIGEST_KEY, body.relativeIdNumber),
      relativeMasked: maskIdNumber(body.relativeIdNumber),
      relation: body.relation,
      recordedById: user.id,
    });
    await em.transactional(async (tx) => {
      tx.persist(entry);
      await this.audit.append(tx, {
        actorId: user.id,
        actorRole: user.role,
        regionCode: region.code,
        action: 'kin_registered',
        targetType: 'kin_register',
        targetId: entry.id,
        after: { staffUserId: entry.staffUserId, staffKind: entry.staffKind, relation: entry.relation },
        reason: body.reason,
      });
    });
    return view(entry);
  }

  async list(user: AuthUser) {
    const rows = await this.orm.em.fork().find(KinRegisterEntry, { regionPath: { $like: `${user.regionPath}%` } }, { orderBy: { recordedAt: 'desc' }, limit: 500 });
    return rows.map(view);
  }

  async flaggedCases(user: AuthUser) {
    const rows = await this.orm.em
      .fork()
      .find(Application, { relativeOfStaff: true, regionPath: { $like: `${user.regionPath}%` } }, { orderBy: { submittedAt: 'desc' }, limit: 500 });
    return rows.map((a) => ({ id: a.id, caseNo: a.caseNo, status: a.status, stage: a.stage, regionCode: a.regionCode, excludedStaff: a.excludedUserIds.length }));
  }
}

function view(e: KinRegisterEntry) {
  return {
    id: e.id,
    staffUserId: e.staffUserId,
    staffName: e.staffName,
    staffKind: e.staffKind,
    regionCode: e.regionCode,
    relative: e.relativeMasked,
    relation: e.relation,
    recordedById: e.recordedById,
    recordedAt: e.recordedAt,
  };
}
