import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @ApiOperation({ summary: 'Your deadline reminders (临期 / 超期 of tasks you hold): { unread, items }, unread first' })
  mine(@CurrentUser() user: AuthUser) {
    return this.reminders.mine(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your reminders read' })
  read(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.reminders.markRead(user, id);
  }
}
