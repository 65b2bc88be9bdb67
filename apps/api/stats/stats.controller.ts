import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { DashboardService } from './dashboard.service';
import { DrillDownService } from './drill-down.service';
import { dashboardQuerySchema, drillQuerySchema, summaryQuerySchema, type DashboardQuery, type DrillQuery, type SummaryQuery } from './stats.schemas';
import { SummaryService } from './summary.service';
import { SUMMARY_COLUMNS } from './summary-export';
import { streamTable } from '../exports/table-export';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('api/stats')
export class StatsController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly drill: DrillDownService,
    private readonly summaries: SummaryService,
  ) {}

  @Get('dashboard')
  @ApiOperation({ summary: "Supervisors' dashboard of a region in your subtree: open work by step and area, overdue and at-risk, decision times against the limit, outcomes, recipients by status, 救急难 response hours, payments by month and area — counted in the database" })
  @ApiQuery({ name: 'region', required: false, description: 'default: your region' })
  @ApiQuery({ name: 'month', required: false, example: '2026-11', description: 'payments by area for this month; default: this month (Asia/Shanghai)' })
  dashboard(@CurrentUser() user: AuthUser, @Query(new ZodPipe(dashboardQuerySchema)) query: DashboardQuery) {
    return this.dashboards.dashboard(user, query);
  }

  @Get('cases')
  @ApiOperation({ summary: 'The cases behind a dashboard number (same metric, key, step and region): the total equals the number' })
  @ApiQuery({ name: 'metric', required: true, example: 'open_tasks' })
  @ApiQuery({ name: 'key', required: false, description: 'bucket, status, within_limit / over_limit, or month' })
  @ApiQuery({ name: 'step', required: false })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  cases(@CurrentUser() user: AuthUser, @Query(new ZodPipe(drillQuerySchema)) query: DrillQuery) {
    return this.drill.cases(user, query);
  }

  @Get('summary')
  @ApiOperation({ summary: '月度汇总表 of a region in your subtree: one line per region two levels down, each the total beneath it (低保 households and persons urban / rural and by category, new, increased, decreased, 渐退, exited, expenditure of the month and year to date in fen, 救急难 count and fen, overdue rate), and the total' })
  @ApiQuery({ name: 'region', required: false, description: 'default: your region' })
  @ApiQuery({ name: 'month', required: false, example: '2026-11', description: 'default: this month (Asia/Shanghai)' })
  summary(@CurrentUser() user: AuthUser, @Query(new ZodPipe(summaryQuerySchema)) query: SummaryQuery) {
    return this.summaries.summary(user, query);
  }

  @Get('summary/export')
  @ApiOperation({ summary: '月度汇总表 as Excel (?format=xlsx, the default: merged Chinese headers, yuan, a totals row, frozen panes) or CSV (?format=csv)' })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'month', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  async export(@CurrentUser() user: AuthUser, @Query(new ZodPipe(summaryQuerySchema)) query: SummaryQuery, @Res() res: Response) {
    const { region, month, rows, total } = await this.summaries.summary(user, query);
    async function* pages() {
      yield rows;
    }
    await streamTable(res, query.format ?? 'xlsx', {
      title: `${region.name} 城乡最低生活保障及救急难月度汇总表(${month.slice(0, 4)}年${Number(month.slice(5))}月)`,
      fileName: `${region.name}-低保月度汇总表-${month}`,
      columns: SUMMARY_COLUMNS,
      frozenColumns: 1,
      totalsRow: total,
      pages: pages(),
    });
  }
}
