import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { dryRunSchema, moveCasesSchema, proposeSchema, reviewSchema, type DryRunBody, type MoveCasesBody, type ProposeBody, type ReviewBody } from './admin.schemas';
import { CaseMovesService } from './case-moves.service';
import { PolicyAdminService } from './policy-admin.service';
import { PolicyImpactService } from './policy-impact.service';
import { PolicyPreviewService } from './policy-preview.service';
import { CalendarAdminService } from './calendar-admin.service';
import { holidayYearSchema, type HolidayYearConfig } from '../../../config/calendars/calendar.schema';

/** Policy administration (管理员), scoped to the administrator's region subtree. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminController {
  constructor(
    private readonly admin: PolicyAdminService,
    private readonly calendars: CalendarAdminService,
    private readonly moves: CaseMovesService,
    private readonly preview: PolicyPreviewService,
    private readonly impacts: PolicyImpactService,
  ) {}

  @Post('regions/:code/move-cases')
  @HttpCode(200)
  @ApiOperation({ summary: "Move running cases (listed, or all at a step) to their region's current policy; audited on each timeline" })
  @ApiBody({ schema: z.toJSONSchema(moveCasesSchema, { io: 'input', unrepresentable: 'any' }) as object })
  moveCases(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body(new ZodPipe(moveCasesSchema)) body: MoveCasesBody) {
    return this.moves.move(user, code, body);
  }

  @Get('calendars')
  @ApiOperation({ summary: 'The holiday tables in use; a year without a published table counts weekends only' })
  calendarYears() {
    return this.calendars.list();
  }

  @Put('calendars/:year')
  @ApiOperation({ summary: "Load a year's State Council holiday table (holidays and make-up working days)" })
  @ApiBody({ schema: z.toJSONSchema(holidayYearSchema, { io: 'input', unrepresentable: 'any' }) as object })
  loadCalendar(@CurrentUser() user: AuthUser, @Param('year', ParseIntPipe) year: number, @Body(new ZodPipe(holidayYearSchema)) body: HolidayYearConfig) {
    return this.calendars.load(user, year, body);
  }

  @Get('regions/:code/config')
  @ApiOperation({ summary: 'Effective configuration of a region: every field with where it comes from (here, inherited, national)' })
  effective(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.admin.effective(user, code);
  }

  @Get('regions/:code/policy-versions')
  @ApiOperation({ summary: 'Versions of a region\'s policy, newest first' })
  versions(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.admin.versions(user, code);
  }

  @Post('regions/:code/policy-versions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Propose a version (partial override, effective date); takes effect only after a second administrator approves' })
  @ApiBody({ schema: z.toJSONSchema(proposeSchema, { io: 'input' }) as object })
  propose(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body(new ZodPipe(proposeSchema)) body: ProposeBody) {
    return this.admin.propose(user, code, body);
  }

  @Post('policy-versions/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a proposed version (four-eyes: not by its proposer; 409 four_eyes)' })
  @ApiBody({ schema: z.toJSONSchema(reviewSchema, { io: 'input' }) as object })
  approve(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(reviewSchema)) body: ReviewBody) {
    return this.admin.review(user, id, 'approve', body.reason);
  }

  @Post('policy-versions/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a proposed version, with the reason' })
  @ApiBody({ schema: z.toJSONSchema(reviewSchema, { io: 'input' }) as object })
  reject(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(reviewSchema)) body: ReviewBody) {
    return this.admin.review(user, id, 'reject', body.reason);
  }

  @Get('policy-versions/:a/diff/:b')
  @ApiOperation({ summary: 'Field-by-field differences between two versions' })
  diff(@CurrentUser() user: AuthUser, @Param('a') a: string, @Param('b') b: string) {
    return this.admin.diff(user, a, b);
  }

  @Get('policy-versions/:id/cases')
  @ApiOperation({ summary: 'Running cases (in your subtree) governed by this version' })
  cases(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.preview.governedCases(user, id);
  }

  @Get('policy-versions/:id/impact')
  @ApiOperation({ summary: 'Budget consequence of a version: households whose amount changes, monthly and yearly cost by township, 渐退 and exits' })
  impact(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.impacts.impact(user, id);
  }

  @Post('dry-run')
  @HttpCode(200)
  @ApiOperation({ summary: 'The exact route and due date of every step for a region, a date and case facts; with a proposal, side by side' })
  @ApiBody({ schema: z.toJSONSchema(dryRunSchema, { io: 'input' }) as object })
  dryRun(@CurrentUser() user: AuthUser, @Body(new ZodPipe(dryRunSchema)) body: DryRunBody) {
    return this.preview.dryRun(user, body);
  }
}
