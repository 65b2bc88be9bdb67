import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { ZodPipe } from '../common/zod.pipe';
import { LifecycleCommandsService } from './lifecycle-commands.service';
import { RecipientsService } from './recipients.service';
import {
  complaintSchema,
  listRecipientsSchema,
  reportChangeSchema,
  statusChangeSchema,
  type ComplaintBody,
  type ListRecipientsQuery,
  type ReportChangeBody,
  type StatusChangeBody,
} from './recipients.schemas';

const household = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('no such recipient household') });
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as object;

/** Recipient households (在保对象, 动态管理) of the caller's subtree: read, report changes, complain, suspend, end. */
@ApiTags('recipients')
@ApiBearerAuth()
@Controller('api/recipients')
export class RecipientsController {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly commands: LifecycleCommandsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recipient households in your region subtree, newest first: status, amount, masked head; never ID numbers' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listRecipientsSchema)) query: ListRecipientsQuery) {
    return this.recipients.list(user, query);
  }

  @Get(':householdId')
  @ApiOperation({ summary: 'One recipient household: status, amount, masked members, open re-reviews, live lifecycle state' })
  detail(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string) {
    return this.recipients.detail(user, householdId);
  }

  @Get(':householdId/ledger')
  @ApiOperation({ summary: 'The monthly entitlement ledger: one row per month (and arrears per standard change), with its derivation' })
  ledger(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string) {
    return this.recipients.ledger(user, householdId);
  }

  @Get(':householdId/timeline')
  @ApiOperation({ summary: 'Notices (书面告知), status changes, re-reviews, checks, reported changes and complaints, oldest first' })
  timeline(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string) {
    return this.recipients.timeline(user, householdId);
  }

  @Post(':householdId/changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report a change in income or household: re-assessed at once (continue, increase, decrease, 渐退, stop)' })
  @ApiBody({ schema: json(reportChangeSchema) })
  reportChange(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string, @Body(new ZodPipe(reportChangeSchema)) body: ReportChangeBody) {
    return this.commands.reportChange(user, householdId, body);
  }

  @Post(':householdId/complaints')
  @ApiOperation({ summary: '举报: record a complaint about the household; a re-review opens at once' })
  @ApiBody({ schema: json(complaintSchema) })
  complain(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string, @Body(new ZodPipe(complaintSchema)) body: ComplaintBody) {
    return this.commands.complain(user, householdId, body);
  }

  @Post(':householdId/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend payment from the next month, with a reason code and a written reason' })
  @ApiBody({ schema: json(statusChangeSchema) })
  suspend(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.commands.changeStatus(user, householdId, 'suspend', body);
  }

  @Post(':householdId/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension from the next month, with a reason' })
  @ApiBody({ schema: json(statusChangeSchema) })
  resume(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.commands.changeStatus(user, householdId, 'resume', body);
  }

  @Post(':householdId/terminate')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the household’s benefit from the next month, with a reason; it may apply again later' })
  @ApiBody({ schema: json(statusChangeSchema) })
  terminate(@CurrentUser() user: AuthUser, @Param('householdId', household) householdId: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.commands.changeStatus(user, householdId, 'terminate', body);
  }
}
