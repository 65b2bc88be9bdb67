import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { ZodPipe } from '../common/zod.pipe';
import { TekunAssessmentService } from './tekun-assessment.service';
import { TekunCasesService } from './tekun-cases.service';
import { TekunIntakeService } from './tekun-intake.service';
import { TekunSettlementsService } from './tekun-settlements.service';
import {
  createTekunApplicationSchema,
  endTekunSupportSchema,
  institutionSettlementSchema,
  listTekunCasesSchema,
  type CreateTekunApplicationBody,
  type EndTekunSupportBody,
  type InstitutionSettlementQuery,
  type ListTekunCasesQuery,
} from './tekun-case.schemas';
import { tekunAssessmentSchema, type TekunAssessmentBody } from './tekun.schemas';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('no such 特困供养 case') });

/** 特困人员救助供养: applications, cases and their support, and assessing a person's facts under the region's policy. */
@ApiTags('tekun')
@ApiBearerAuth()
@Controller('api/tekun')
export class TekunController {
  constructor(
    private readonly assessments: TekunAssessmentService,
    private readonly intake: TekunIntakeService,
    private readonly cases: TekunCasesService,
    private readonly settlements: TekunSettlementsService,
  ) {}

  @Post('applications')
  @ApiOperation({ summary: '特困供养申请: a person (registered member or new one-person household) applies; the investigation task opens' })
  @ApiBody({ schema: z.toJSONSchema(createTekunApplicationSchema, { io: 'input' }) as object })
  apply(@CurrentUser() user: AuthUser, @Body(new ZodPipe(createTekunApplicationSchema)) body: CreateTekunApplicationBody) {
    return this.intake.submit(user, body);
  }

  @Get('cases')
  @ApiOperation({ summary: '特困供养 cases in your region subtree, newest first (the person masked)' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listTekunCasesSchema)) query: ListTekunCasesQuery) {
    return this.cases.list(user, query);
  }

  @Get('cases/:id')
  @ApiOperation({ summary: 'One 特困供养 case: assessment, decision, support, entitlements, notices and timeline' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.cases.get(user, id);
  }

  @Post('cases/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: '终止供养 (death or a change) from a month not yet recorded; issues the written notice' })
  @ApiBody({ schema: z.toJSONSchema(endTekunSupportSchema, { io: 'input' }) as object })
  end(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body(new ZodPipe(endTekunSupportSchema)) body: EndTekunSupportBody) {
    return this.cases.end(user, id, body);
  }

  @Get('institution-settlements')
  @ApiOperation({ summary: '集中供养 settlement: per care institution, the people it cares for and the month’s sum owed (fen), for a county' })
  @ApiQuery({ name: 'countyCode', required: true })
  @ApiQuery({ name: 'month', required: true })
  settlement(@CurrentUser() user: AuthUser, @Query(new ZodPipe(institutionSettlementSchema)) query: InstitutionSettlementQuery) {
    return this.settlements.forMonth(user, query);
  }

  @Post('assessments')
  @HttpCode(200)
  @ApiOperation({ summary: '三无 eligibility, 自理能力 level and monthly support (basic living + care, fen) under the region’s policy; stores nothing' })
  @ApiBody({ schema: z.toJSONSchema(tekunAssessmentSchema, { io: 'input' }) as object })
  assess(@CurrentUser() user: AuthUser, @Body(new ZodPipe(tekunAssessmentSchema)) body: TekunAssessmentBody) {
    return this.assessments.assess(user, body);
  }
}
