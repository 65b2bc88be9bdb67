import { regionInScope } from '../common/region-scope';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { annualFundingKey, fundReserves, topUpKey } from '../../../activities/emergency/reserve-funding';
import { creditReserve } from '../../../activities/emergency/reserve.activities';
import { ReserveLedger, ReserveMovement, reserveLedgerId } from '../../../activities/emergency/reserve.entity';
import { PolicyService } from '../../../activities/regions/policy.service';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { ledgerYear } from '../../../workflows/programs/emergency/emergency-rules';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import type { FundingBody, ReserveQuery, TopUpBody } from './emergency.schemas';

const MOVEMENTS_SHOWN = 200;

/**
 * A township's 备用金 as its workers and supervisors see it (balance and movements of a year), the county's top-ups,
 * and the annual funding job. Every credit is keyed, so a resubmitted top-up or a second run of the job adds nothing.
 */
@Injectable()
export class ReserveFundService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly audit: AuditLog,
  ) {}

  async ledger(user: AuthUser, townshipCode: string, query: ReserveQuery) {
    const township = await this.township(user, townshipCode);
    const year = query.year ?? ledgerYear(Date.now());
    const em = this.orm.em.fork();
    const id = reserveLedgerId(township.code, year);
    const ledger = await em.findOne(ReserveLedger, id);
    const movements = await em.find(ReserveMovement, { ledgerId: id }, { orderBy: { at: 'desc', id: 'asc' }, limit: MOVEMENTS_SHOWN });
    return {
      townshipCode: township.code,
      year,
      balanceFen: ledger?.balanceFen ?? 0,
      movements: movements.map((m) => ({ id: m.id, kind: m.kind, amountFen: m.amountFen, requestId: m.requestId, at: m.at })),
    };
  }

  async topUp(user: AuthUser, townshipCode: string, body: TopUpBody) {
    const township = await this.township(user, townshipCode);
    const year = body.year ?? ledgerYear(Date.now());
    await creditReserve(this.orm, { townshipCode: township.code, year, kind: 'top_up', amountFen: body.amountFen, idempotencyKey: topUpKey(township.code, year, body.reference) });
    await this.audit.append(this.orm.em.fork(), {
      actorId: user.id,
      actorRole: user.role,
      regionCode: township.code,
      action: 'reserve_top_up',
      targetType: 'reserve_ledger',
      targetId: reserveLedgerId(township.code, year),
      after: { amountFen: body.amountFen, reference: body.reference },
    });
    return this.ledger(user, township.code, { year });
  }

  /** Runs the annual funding for every township under a region of the caller's subtree. */
  async fund(user: AuthUser, code: string, body: FundingBody) {
    const region = await regionInScope(this.orm.em.fork(), user, code);
    const funded = await fundReserves(this.orm, this.policies, { year: body.year, regionPath: region.path });
    await this.audit.append(this.orm.em.fork(), {
      actorId: user.id,
      actorRole: user.role,
      regionCode: region.code,
      action: 'reserve_annual_funding',
      targetType: 'region',
      targetId: region.code,
      after: { year: body.year, townships: funded.length, keys: funded.map((f) => annualFundingKey(f.townshipCode, body.year)).join(',') },
    });
    return { year: body.year, funded };
  }

  private async township(user: AuthUser, code: string): Promise<Region> {
    const region = await this.orm.em.fork().findOne(Region, code);
    if (!region || region.level !== 'township' || !withinSubtree(region.path, user.regionPath)) throw new NotFoundError(`no township ${code} in your region`);
    return region;
  }
}
