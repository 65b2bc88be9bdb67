import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/core';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { PolicyService } from '../../../activities/regions/policy.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';

@ApiTags('regions')
@ApiBearerAuth()
@Controller('api/regions')
export class RegionsController {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The regions of your subtree, parents first' })
  async list(@CurrentUser() user: AuthUser) {
    const rows = await this.orm.em.fork().find(Region, { path: { $like: `${user.regionPath}%` } }, { orderBy: { path: 'asc' } });
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, area: r.area }));
  }

  @Get(':code/policy')
  @ApiOperation({ summary: 'The effective procedure policy of a region and the versions it is merged from' })
  async policy(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    const em = this.orm.em.fork();
    const region = await em.findOne(Region, code);
    // Ancestors' policies are readable too: they govern the caller's own cases.
    if (!region || !(withinSubtree(region.path, user.regionPath) || withinSubtree(user.regionPath, region.path))) {
      throw new NotFoundError(`no region ${code} visible to you`);
    }
    const layers = await this.policies.layersFor(em, code);
    const policy = await this.policies.resolveFor(em, code);
    await em.flush();
    return { region: { code: region.code, name: region.name, level: region.level }, snapshotId: policy.snapshotId, label: policy.label, layers: layers.map((l) => ({ scope: l.scope, name: l.name, version: l.version })), document: policy.document };
  }
}
