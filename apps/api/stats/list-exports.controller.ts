import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MikroORM } from '@mikro-orm/core';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { CASE_TYPE_LABELS, STATUS_LABELS, TASK_STEP_LABELS, labelOf, shanghaiDateTime } from '../exports/code-labels';
import { streamTable, type ExportFormat } from '../exports/table-export';
import { inboxQuerySchema } from '../inbox/decision.schemas';
import { listApplicationsSchema } from '../applications/applications.schemas';
import { DrillDownService } from './drill-down.service';
import { drillQuerySchema } from './stats.schemas';
import { applicationPages, inboxPages } from './list-pages';

const format = { format: z.enum(['xlsx', 'csv'], { error: 'must be xlsx or csv' }).default('xlsx') };
const inboxExportSchema = inboxQuerySchema.omit({ page: true, pageSize: true }).extend(format);
const applicationsExportSchema = listApplicationsSchema.omit({ page: true, pageSize: true }).extend(format);
const casesExportSchema = drillQuerySchema.omit({ page: true, pageSize: true }).extend(format);

/**
 * Lists as Excel or CSV, streamed page by page through the one table exporter: the caller's inbox with its filters,
 * the region's case list, and the cases behind a dashboard number. Codes are written in Chinese; no personal data.
 */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('api')
export class ListExportsController {
  constructor(
    private readonly orm: MikroORM,
    private readonly drill: DrillDownService,
  ) {}

  @Get('inbox/export')
  @ApiOperation({ summary: 'Your inbox (same filters as GET /api/inbox) as Excel (?format=xlsx, the default) or CSV; streamed' })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  async inbox(@CurrentUser() user: AuthUser, @Query(new ZodPipe(inboxExportSchema)) query: z.infer<typeof inboxExportSchema>, @Res() res: Response) {
    const pages = await inboxPages(this.orm, user, { ...query, page: 1, pageSize: 1 });
    await streamTable(res, query.format as ExportFormat, {
      title: '待办事项',
      fileName: '待办事项',
      columns: [
        { header: '案件编号', width: 28, value: (t) => t.caseNo },
        { header: '类型', width: 12, value: (t) => labelOf(CASE_TYPE_LABELS, t.caseType) },
        { header: '环节', width: 18, value: (t) => labelOf(TASK_STEP_LABELS, t.step) },
        { header: '状态', width: 10, value: (t) => labelOf(STATUS_LABELS, t.status) },
        { header: '地区', width: 16, value: (t) => t.regionName },
        { header: '办理期限', width: 18, value: (t) => shanghaiDateTime(t.dueAt) },
        { header: '是否超期', width: 10, value: (t) => (t.overdue ? '超期' : '') },
        { header: '认领', width: 10, value: (t) => (t.assigneeId ? '已认领' : '未认领') },
      ],
      pages,
    });
  }

  @Get('applications/export')
  @ApiOperation({ summary: 'The case list of your region (GET /api/applications, every page) as Excel or CSV; streamed' })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  async applications(@CurrentUser() user: AuthUser, @Query(new ZodPipe(applicationsExportSchema)) query: z.infer<typeof applicationsExportSchema>, @Res() res: Response) {
    await streamTable(res, query.format as ExportFormat, {
      title: '低保申请案件',
      fileName: '低保申请案件',
      columns: [
        { header: '案件编号', width: 28, value: (a) => a.caseNo },
        { header: '地区', width: 16, value: (a) => a.regionName },
        { header: '状态', width: 10, value: (a) => labelOf(STATUS_LABELS, a.status) },
        { header: '当前环节', width: 18, value: (a) => labelOf(TASK_STEP_LABELS, a.stage) },
        { header: '申请时间', width: 18, value: (a) => shanghaiDateTime(a.submittedAt) },
        { header: '决定时间', width: 18, value: (a) => shanghaiDateTime(a.decidedAt) },
        { header: '是否超期', width: 10, value: (a) => (a.overdue ? '超期' : '') },
      ],
      pages: applicationPages(this.orm, user, query.status),
    });
  }

  @Get('stats/cases/export')
  @ApiOperation({ summary: 'The cases behind a dashboard number (same query as GET /api/stats/cases) as Excel or CSV; streamed' })
  @ApiQuery({ name: 'metric', required: true, example: 'open_tasks' })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  async cases(@CurrentUser() user: AuthUser, @Query(new ZodPipe(casesExportSchema)) query: z.infer<typeof casesExportSchema>, @Res() res: Response) {
    const { region, pages } = await this.drill.casePages(user, query);
    await streamTable(res, query.format as ExportFormat, {
      title: `${region.name} 统计明细`,
      fileName: `${region.name}-统计明细`,
      totals: true,
      columns: [
        { header: '案件编号', width: 28, value: (r) => (r.caseType === 'payment' ? `${r.caseNo ?? ''} 发放` : r.caseNo) },
        { header: '类型', width: 12, value: (r) => labelOf(CASE_TYPE_LABELS, r.caseType) },
        { header: '环节', width: 18, value: (r) => (r.step ? labelOf(TASK_STEP_LABELS, r.step) : '') },
        { header: '状态', width: 10, value: (r) => labelOf(STATUS_LABELS, r.status) },
        { header: '地区', width: 16, value: (r) => r.regionName },
        { header: '时间', width: 18, value: (r) => shanghaiDateTime(r.at) },
        { header: '金额(元)', width: 14, money: true, value: (r) => r.amountFen },
      ],
      pages,
    });
  }
}
