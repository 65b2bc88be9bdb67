import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { auditQuerySchema, refusedQuerySchema, type AuditQuery, type RefusedQuery } from './audit.schemas';
import { AuditSearchService } from './audit-search.service';

/** The audit trail for auditors (监督/审计): read-only search in their region subtree, and chain verification. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
    private readonly search: AuditSearchService,
  ) {}

  @Get('entries')
  @ApiOperation({ summary: 'Audit entries of your region subtree, newest first: who (with name), role, region, when, what, before/after, why; filter by action, actor (user name), from/to day, target' })
  entries(@CurrentUser() user: AuthUser, @Query(new ZodPipe(auditQuerySchema)) query: AuditQuery) {
    return this.search.entries(user, query);
  }

  @Get('refused-attempts')
  @ApiOperation({ summary: 'Refused attempts to sign two tiers of a case (separation_of_duties) or to work a relative’s case (conflict_of_interest), newest first' })
  refused(@CurrentUser() user: AuthUser, @Query(new ZodPipe(refusedQuerySchema)) query: RefusedQuery) {
    return this.search.refusedAttempts(user, query);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the whole hash chain; reports every broken entry' })
  verify() {
    return this.audit.verify(this.orm.em.fork());
  }
}
