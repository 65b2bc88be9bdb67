import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { PolicyService } from '../../../activities/regions/policy.service';
import { layersLabel, resolveSections } from '../../../config/policy/resolve';
import { assessTekun } from '../../../workflows/programs/tekun/assessment';
import type { AuthUser } from '../auth/auth.types';
import { UnprocessableError } from '../common/errors';
import { regionInScope } from '../common/region-scope';
import type { TekunAssessmentBody } from './tekun.schemas';

/**
 * 特困供养 assessment for caseworkers: the 三无 test, the self-care level and the monthly support under the region's
 * effective policy today, with the arrangement checked. Computes only: nothing is written, nothing names the person.
 */
@Injectable()
export class TekunAssessmentService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
  ) {}

  async assess(user: AuthUser, body: TekunAssessmentBody) {
    const em = this.orm.em.fork();
    const region = await regionInScope(em, user, body.regionCode);
    if (!region.area) throw new UnprocessableError([{ field: 'regionCode', rule: 'must be a village or community: its area (urban or rural) selects the standards' }]);
    const layers = await this.policies.layersFor(em, region.code);
    const policy = resolveSections(layers);
    if (!policy.tekun) {
      throw new UnprocessableError([{ field: 'regionCode', rule: `${region.code} ${region.name} has no 特困供养 policy (tekun section): the region must set its standards first` }]);
    }
    const result = assessTekun(
      { area: region.area, facts: body.person, canDo: body.selfCare, mode: body.arrangement.mode, institutionId: body.arrangement.institutionId },
      { tekun: policy.tekun, dibaoStandards: policy.dibao.standards },
    );
    if ('ok' in result && !result.ok) {
      const rule = result.code === 'institution_required' ? 'must name the institution of a centralized arrangement (集中供养)' : 'must be empty for a dispersed arrangement (分散供养)';
      throw new UnprocessableError([{ field: `arrangement.${result.field}`, rule }]);
    }
    return {
      region: { code: region.code, name: region.name, area: region.area },
      policy: { label: layersLabel(layers) },
      ...result,
    };
  }
}
