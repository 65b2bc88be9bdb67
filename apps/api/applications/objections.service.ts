import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { Objection } from '../../../activities/application/objection.entity';
import { applicationWorkflowId, fileObjectionUpdate } from '../../../workflows/application/definitions';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import type { ObjectionBody } from './applications.schemas';
import { CaseViewService } from './case-view.service';

/**
 * 异议: recorded first (the text and the objector stay in the database), then handed to the case's workflow, which
 * decides whether it sends the case back to investigation. Outside a publicity period it is refused (409) and kept
 * as refused, so even a refused objection leaves a trace.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly cases: CaseViewService,
  ) {}

  async file(user: AuthUser, applicationId: string, body: ObjectionBody) {
    const em = this.orm.em.fork();
    await this.cases.findInScope(em, user, applicationId);
    const objection = new Objection({ id: randomUUID(), applicationId, content: body.content, objectorName: body.objectorName, recordedById: user.id });
    await em.persistAndFlush(objection);
    try {
      const state = await this.temporal.workflow
        .getHandle(applicationWorkflowId(applicationId))
        .executeUpdate(fileObjectionUpdate, { args: [{ objectionId: objection.id, actor: { userId: user.id, role: user.role } }] });
      return { objectionId: objection.id, case: state };
    } catch (err) {
      const conflict = asConflict(err);
      objection.status = 'refused';
      await em.flush();
      throw conflict;
    }
  }
}
