import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { absenceQuerySchema, absenceSchema, type AbsenceBody, type AbsenceQuery } from './absences.schemas';
import { AbsencesService } from './absences.service';

@ApiTags('absences')
@ApiBearerAuth()
@Controller('api/absences')
export class AbsencesController {
  constructor(private readonly absences: AbsencesService) {}

  @Post()
  @ApiOperation({ summary: 'AB岗: record a planned absence and its B post (409 absence_overlaps; 422 naming the field)' })
  @ApiBody({ schema: z.toJSONSchema(absenceSchema, { io: 'input', unrepresentable: 'any' }) as object })
  record(@CurrentUser() user: AuthUser, @Body(new ZodPipe(absenceSchema)) body: AbsenceBody) {
    return this.absences.record(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your absences and those you cover (administrators: ?userId= for a user of their region)' })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(absenceQuerySchema)) query: AbsenceQuery) {
    return this.absences.list(user, query);
  }

  @Get('colleagues')
  @ApiOperation({ summary: 'Who may be your B post: active colleagues with your role whose region is yours or above it, by name' })
  colleagues(@CurrentUser() user: AuthUser) {
    return this.absences.colleagues(user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an absence that has not ended (409 absence_cancelled, absence_ended)' })
  cancel(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.absences.cancel(user, id);
  }
}
