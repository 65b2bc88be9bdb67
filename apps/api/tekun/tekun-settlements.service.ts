import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { TEKUN_BENEFIT_TYPE } from '../../../activities/tekun/tekun-ledger';
import type { AuthUser } from '../auth/auth.types';
import { UnprocessableError } from '../common/errors';
import { regionInScope } from '../common/region-scope';
import type { InstitutionSettlementQuery } from './tekun-case.schemas';

type Row = { institution_id: string | null; persons: number | string; total: number | string | null };

/**
 * 集中供养 settlement: what a county owes each care institution for a month — the 特困 people it cares for and the sum
 * of their entitlements (kind `institution`), which never enter a household bank file. Summed in the database.
 */
@Injectable()
export class TekunSettlementsService {
  constructor(private readonly orm: MikroORM) {}

  async forMonth(user: AuthUser, query: InstitutionSettlementQuery) {
    const em = this.orm.em.fork();
    const county = await regionInScope(em, user, query.countyCode, 'county');
    if (county.level !== 'county') throw new UnprocessableError([{ field: 'countyCode', rule: 'must be a county or district code' }]);
    const rows: Row[] = await em.getConnection().execute<Row[]>(
      `select c.institution_id, count(*) as persons, sum(e.amount_fen) as total
         from entitlements e join tekun_cases c on c.id = e.reference
        where e.month = ? and e.benefit_type = ? and e.kind = 'institution' and c.region_path like ?
        group by c.institution_id order by c.institution_id`,
      [query.month, TEKUN_BENEFIT_TYPE, `${county.path}%`],
      'all',
    );
    const institutions = rows.map((r) => ({ institutionId: r.institution_id, persons: Number(r.persons), totalFen: Number(r.total ?? 0) }));
    return {
      countyCode: county.code,
      countyName: county.name,
      month: query.month,
      institutions,
      persons: institutions.reduce((n, i) => n + i.persons, 0),
      totalFen: institutions.reduce((n, i) => n + i.totalFen, 0),
    };
  }
}
