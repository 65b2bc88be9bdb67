import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { ZodPipe } from '../common/zod.pipe';
import { LifecycleJobsService } from './lifecycle-jobs.service';
import { RecipientsService } from './recipients.service';
import {
  campaignSchema,
  listComplaintsSchema,
  standardChangeSchema,
  type CampaignBody,
  type ListComplaintsQuery,
  type StandardChangeBody,
} from './recipients.schemas';

const jobUuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('no such job') });

/** Region-wide lifecycle work: standard changes and 专项治理 campaigns with their progress, and the complaints register. */
@ApiTags('recipients')
@ApiBearerAuth()
@Controller('api')
export class LifecycleJobsController {
  constructor(
    private readonly jobs: LifecycleJobsService,
    private readonly recipients: RecipientsService,
  ) {}

  @Post('admin/regions/:code/standard-changes')
  @ApiOperation({ summary: 'A new standard from a month: every live household of the subtree recomputed (arrears for months paid); returns the job' })
  @ApiBody({ schema: z.toJSONSchema(standardChangeSchema, { io: 'input' }) as object })
  standardChange(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body(new ZodPipe(standardChangeSchema)) body: StandardChangeBody) {
    return this.jobs.standardChange(user, code, body);
  }

  @Post('admin/regions/:code/re-review-campaigns')
  @ApiOperation({ summary: '专项治理: one re-review task per live household of the subtree, due at the window end; starting it twice is one campaign' })
  @ApiBody({ schema: z.toJSONSchema(campaignSchema, { io: 'input' }) as object })
  campaign(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body(new ZodPipe(campaignSchema)) body: CampaignBody) {
    return this.jobs.campaign(user, code, body);
  }

  @Get('admin/regions/:code/lifecycle-jobs')
  @ApiOperation({ summary: 'Standard changes and campaigns of a region and below, newest first (at most 50), each with its progress' })
  list(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.jobs.list(user, code);
  }

  @Get('admin/lifecycle-jobs/:id')
  @ApiOperation({ summary: 'Progress of a standard change or campaign: households reached; for a campaign, tasks done / pending / overdue' })
  progress(@CurrentUser() user: AuthUser, @Param('id', jobUuid) id: string) {
    return this.jobs.progress(user, id);
  }

  @Get('complaints')
  @ApiOperation({ summary: 'Every complaint (举报) about recipients in your subtree, newest first, with its re-review' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  complaints(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listComplaintsSchema)) query: ListComplaintsQuery) {
    return this.recipients.complaints(user, query);
  }
}
