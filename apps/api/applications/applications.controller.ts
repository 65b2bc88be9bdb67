import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { ZodPipe } from '../common/zod.pipe';
import {
  createApplicationSchema,
  listApplicationsSchema,
  objectionSchema,
  revealSchema,
  type CreateApplicationBody,
  type ListApplicationsQuery,
  type ObjectionBody,
  type RevealBody,
} from './applications.schemas';
import { CaseViewService } from './case-view.service';
import { CheckReportViewService } from './check-report-view.service';
import { IntakeService } from './intake.service';
import { ObjectionsService } from './objections.service';
import { RevealService } from './reveal.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('no such application') });
const memberUuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('no such member') });

@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/applications')
export class ApplicationsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly cases: CaseViewService,
    private readonly objections: ObjectionsService,
    private readonly reveals: RevealService,
    private readonly checkReports: CheckReportViewService,
  ) {}

  @Post()
  @ApiOperation({ summary: '户主申请: submit a 低保 application for a household (容缺: list missing documents)' })
  @ApiBody({ schema: z.toJSONSchema(createApplicationSchema, { io: 'input' }) as object })
  create(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createApplicationSchema)) body: CreateApplicationBody) {
    return this.intake.submit(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Applications in your region subtree, newest first' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listApplicationsSchema)) query: ListApplicationsQuery) {
    return this.cases.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One application: household (masked), tasks, check reports, publicity, decision, notices' })
  detail(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.cases.detail(user, id);
  }

  @Get(':id/check-report')
  @ApiOperation({ summary: '核对报告: the latest check round (income and asset findings in fen, flags, sources) beside each member (masked name, relation, declared income)' })
  checkReport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.checkReports.latest(user, id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every step: who, role, decision, when, deadline, reason and policy version' })
  timeline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.cases.timeline(user, id);
  }

  @Post(':id/objections')
  @HttpCode(201)
  @ApiOperation({ summary: '异议: record an objection during publicity (409 not_in_publicity otherwise)' })
  @ApiBody({ schema: z.toJSONSchema(objectionSchema, { io: 'input' }) as object })
  objection(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body(new ZodPipe(objectionSchema)) body: ObjectionBody) {
    return this.objections.file(user, id, body);
  }

  @Post(':id/members/:memberId/reveal')
  @HttpCode(200)
  @ApiOperation({ summary: '查看明文: reveal a member\'s ID number, disability grade, or the household\'s phone, address or bank account in clear (audited as pii_reveal with the reason)' })
  @ApiBody({ schema: z.toJSONSchema(revealSchema, { io: 'input' }) as object })
  reveal(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('memberId', memberUuid) memberId: string,
    @Body(new ZodPipe(revealSchema)) body: RevealBody,
  ) {
    return this.reveals.reveal(user, id, memberId, body);
  }
}
