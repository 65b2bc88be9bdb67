import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { emergencyWorkflowId, referUpdate } from '../../../workflows/emergency/definitions';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import type { ReferBody } from './emergency.schemas';
import { findInScope } from './emergency-view.service';

/**
 * 转介: refers the request's household to a receiving department through its workflow, which allows it during the
 * follow-up and once per kind; a 低保 referral starts a normal application for the household, linked to the request.
 */
@Injectable()
export class EmergencyReferralService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
  ) {}

  async refer(user: AuthUser, id: string, body: ReferBody) {
    const request = await findInScope(this.orm.em.fork(), user, id);
    try {
      return await this.temporal.workflow.getHandle(emergencyWorkflowId(request.id)).executeUpdate(referUpdate, {
        args: [{ kind: body.kind, department: body.department, householdRef: body.kind === 'dibao' ? request.householdId : undefined, actor: { userId: user.id, role: user.role } }],
      });
    } catch (err) {
      throw asConflict(err);
    }
  }
}
