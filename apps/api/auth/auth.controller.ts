import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe';
import { CurrentUser, Public } from './auth.decorators';
import { loginSchema, type LoginBody } from './auth.schemas';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth.types';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password; returns a short-lived bearer token' })
  @ApiBody({ schema: z.toJSONSchema(loginSchema) as object })
  login(@Body(new ZodPipe(loginSchema)) body: LoginBody) {
    return this.auth.login(body.username, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The authenticated user: role and region' })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
