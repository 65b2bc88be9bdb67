import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { HouseholdLayersService } from './household-layers.service';

@ApiTags('households')
@ApiBearerAuth()
@Controller('api/households')
export class HouseholdsController {
  constructor(private readonly layers: HouseholdLayersService) {}

  @Get(':householdId/layers')
  @ApiOperation({ summary: '五类三层: the layer a household stands in, by which programs and why, and the special assistance it may apply for' })
  get(@CurrentUser() user: AuthUser, @Param('householdId') householdId: string) {
    return this.layers.layers(user, householdId);
  }
}
