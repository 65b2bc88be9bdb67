import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { claimManySchema, inboxQuerySchema, type ClaimManyBody, type InboxQuery } from './decision.schemas';
import { InboxClaimsService } from './inbox-claims.service';
import { InboxSummaryService } from './inbox-summary.service';
import { InboxService } from './inbox.service';
import { ColleaguesService } from './colleagues.service';


@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly summaries: InboxSummaryService,
    private readonly claims: InboxClaimsService,
    private readonly colleagues: ColleaguesService,
  ) {}

  @Get('tasks/:id/colleagues')
  @ApiOperation({ summary: '督办: the colleagues (by name) an overdue task may be handed to — its role, a region covering the task' })
  colleaguesOf(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.colleagues.forTask(user, id);
  }

  @Get('inbox')
  @ApiOperation({ summary: "Your role's tasks in your region subtree: urgent first, then oldest due; filter and page" })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(inboxQuerySchema)) query: InboxQuery) {
    return this.inbox.list(user, query);
  }

  @Get('inbox/summary')
  @ApiOperation({ summary: 'Counts of your open work by case type and step (open, overdue, atRisk, urgent, claimedByMe) and the total, counted in the database' })
  summary(@CurrentUser() user: AuthUser) {
    return this.summaries.summary(user);
  }

  @Post('inbox/take-next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim the most urgent unclaimed task you may take (urgent, overdue, earliest due) and return it like GET /api/tasks/:id; 404 no_task when none' })
  takeNext(@CurrentUser() user: AuthUser) {
    return this.claims.takeNext(user);
  }

  @Post('inbox/claims')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim up to 100 tasks: { results: [{ taskId, ok, code? }] }, code as a single claim gives it (claimed_by_other, stale_task, wrong_role, not_found, conflict_of_interest)' })
  @ApiBody({ schema: z.toJSONSchema(claimManySchema) as object })
  claimMany(@CurrentUser() user: AuthUser, @Body(new ZodPipe(claimManySchema)) body: ClaimManyBody) {
    return this.claims.claimMany(user, body.taskIds);
  }

  @Get('tasks/:id')
  @ApiOperation({ summary: 'One task in your region' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inbox.get(user, id);
  }

  @Get('tasks/:id/timeline')
  @ApiOperation({ summary: "The history of the task's case (any case type) in one shape: codes, amounts and ids, oldest first" })
  timeline(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inbox.timeline(user, id);
  }

  @Post('tasks/:id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task (409 claimed_by_other, stale_task, wrong_role)' })
  claim(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inbox.claim(user, id);
  }

  @Post('tasks/:id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claimed task back to the pool' })
  unclaim(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.inbox.unclaim(user, id);
  }

  @Post('tasks/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: "Decide a task; the case's workflow validates it (409 with the reason) and returns the case's new state" })
  // The body is one of the case types' decisions, picked by `step`; the document lists them (documentDecisions).
  @ApiBody({ schema: { type: 'object', required: ['step'], properties: { step: { type: 'string' } } } })
  complete(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.inbox.complete(user, id, body);
  }
}
