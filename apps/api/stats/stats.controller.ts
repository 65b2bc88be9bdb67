import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { DashboardService } from './dashboard.service';
import { DrillDownService } from './drill-down.service';
import { dashboardQuerySchema, drillQuerySchema, type DashboardQuery, type DrillQuery } from './stats.schemas';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('api/stats')
export class StatsController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly drill: DrillDownService,
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
}
