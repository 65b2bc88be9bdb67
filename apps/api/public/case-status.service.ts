import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Application } from '../../../activities/application/application.entity';
import { statusLookupDigest } from '../../../activities/households/personal-data';
import { Task } from '../../../activities/tasks/task.entity';
import type { Env } from '../../../config/env.schema';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import { LoginThrottle } from '../auth/login-throttle';
import { NotFoundError } from '../common/errors';
import { ENV } from '../infra/tokens';
import { CASE_STATUS_THROTTLE } from './case-status.throttle';
import { publicSteps } from './public-steps';
import type { CaseStatusBody } from './case-status.schemas';

/**
 * 查询办理进度 for applicants, without an account: the case number and the last six characters of the applicant's ID
 * number, compared as a keyed digest (the suffix is never stored). The answer holds the programme, the status and the
 * public milestones with their dates: no name, ID number, address, amount or region below the county.
 *
 * A wrong pair and an unknown number give the same 404 after the same work (a digest is computed either way).
 * Failures are counted per address and per case number in the shared throttle table: after too many, 429 with
 * Retry-After, before the case is looked at.
 */
@Injectable()
export class CaseStatusService {
  constructor(
    private readonly orm: MikroORM,
    @Inject(ENV) private readonly env: Env,
    @Inject(CASE_STATUS_THROTTLE) private readonly throttle: LoginThrottle,
  ) {}

  async lookup(body: CaseStatusBody, address: string) {
    await this.throttle.check(body.caseNumber, address);
    const em = this.orm.em.fork();
    const application = await em.findOne(Application, { caseNo: body.caseNumber });
    const given = Buffer.from(statusLookupDigest(this.env.PII_DIGEST_KEY, body.caseNumber, body.idSuffix), 'hex');
    const stored = Buffer.from(application?.statusLookupDigest ?? '0'.repeat(64), 'hex');
    if (!application || !application.statusLookupDigest || !timingSafeEqual(given, stored)) {
      await this.throttle.recordFailure(body.caseNumber, address);
      throw new NotFoundError('no case with this number and ID number suffix');
    }
    await this.throttle.recordSuccess(body.caseNumber);
    const tasks = await em.find(Task, { caseType: 'application', caseId: application.id }, { fields: ['step', 'status', 'createdAt', 'closedAt'] });
    const day = (d: Date) => isoDate(shanghaiDay(d.getTime()));
    return {
      caseNumber: application.caseNo,
      programme: application.program,
      status: application.status,
      steps: publicSteps(application, tasks),
      submittedOn: day(application.submittedAt),
      ...(application.decidedAt ? { decidedOn: day(application.decidedAt) } : {}),
    };
  }
}
