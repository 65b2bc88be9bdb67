import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { AuditEntry } from '../../../activities/audit/audit-entry.entity';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Region } from '../../../activities/regions/region.entity';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { auditQuerySchema, type AuditQuery } from './audit.schemas';

/** The audit trail for auditors (监督/审计): read-only search in their region subtree, and chain verification. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  @Get('entries')
  @ApiOperation({ summary: 'Audit entries of your region subtree, newest first: who, role, region, when, what, before/after, why' })
  async entries(@CurrentUser() user: AuthUser, @Query(new ZodPipe(auditQuerySchema)) query: AuditQuery) {
    const em = this.orm.em.fork();
    const regions = await em.find(Region, { path: { $like: `${user.regionPath}%` } }, { fields: ['code'] });
    const where: FilterQuery<AuditEntry> = { regionCode: { $in: regions.map((r) => r.code) } };
    for (const key of ['action', 'targetType', 'targetId', 'actorId'] as const) if (query[key]) where[key] = query[key];
    const [rows, total] = await em.findAndCount(AuditEntry, where, {
      orderBy: { seq: 'desc' },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows, page: query.page, pageSize: query.pageSize, total };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the whole hash chain; reports every broken entry' })
  verify() {
    return this.audit.verify(this.orm.em.fork());
  }
}
