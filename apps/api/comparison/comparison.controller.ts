import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { ComparisonImportsService } from './comparison-imports.service';
import { ComparisonLeadsService } from './comparison-leads.service';
import { importQuerySchema, leadDecisionSchema, leadsQuerySchema, type ImportQuery, type LeadDecisionBody, type LeadsQuery } from './comparison.schemas';

/** 数据比对: department lists compared with the recipients by ID digest; leads confirmed or dismissed by investigators. */
@ApiTags('comparison')
@ApiBearerAuth()
@Controller('api')
export class ComparisonController {
  constructor(
    private readonly imports: ComparisonImportsService,
    private readonly leads: ComparisonLeadsService,
  ) {}

  @Post('comparisons')
  @ApiOperation({ summary: '导入比对数据: the body is the list (text/csv, UTF-8, or .xlsx) with an ID-number column; streamed, any length; answers with the counts' })
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  create(@CurrentUser() user: AuthUser, @Query(new ZodPipe(importQuerySchema)) query: ImportQuery, @Headers('content-type') contentType: string | undefined, @Req() req: Request) {
    return this.imports.import(user, query, contentType, req);
  }

  @Get('comparisons')
  @ApiOperation({ summary: 'Imports of your subtree with their counts: records, matches, leads, confirmed, dismissed, pending' })
  list(@CurrentUser() user: AuthUser) {
    return this.imports.list(user);
  }

  @Get('comparisons/:id')
  @ApiOperation({ summary: 'One import with its counts' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.imports.get(user, id);
  }

  @Get('comparison-leads')
  @ApiOperation({ summary: 'Leads of your subtree (member masked), newest first; filter by status or import' })
  leadsList(@CurrentUser() user: AuthUser, @Query(new ZodPipe(leadsQuerySchema)) query: LeadsQuery) {
    return this.leads.list(user, query);
  }

  @Post('comparison-leads/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm (an urgent re-review opens) or dismiss a lead with the reason; 409 lead_decided when decided otherwise' })
  @ApiBody({ schema: z.toJSONSchema(leadDecisionSchema) as object })
  decide(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(leadDecisionSchema)) body: LeadDecisionBody) {
    return this.leads.decide(user, id, body);
  }
}
