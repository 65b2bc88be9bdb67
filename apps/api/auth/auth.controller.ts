import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe';
import { CurrentUser } from './auth.decorators';
import { changePasswordSchema, loginSchema, type ChangePasswordBody, type LoginBody } from './auth.schemas';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';
import type { AuthUser } from './auth.types';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password; returns a short-lived bearer token. 429 too_many_attempts after repeated failures' })
  @ApiBody({ schema: z.toJSONSchema(loginSchema) as object })
  login(@Body(new ZodPipe(loginSchema)) body: LoginBody, @Ip() address: string) {
    return this.auth.login(body.username, body.password, address);
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: '修改密码: change your own password (current + new); tokens issued before stop working, a new one is returned' })
  @ApiBody({ schema: z.toJSONSchema(changePasswordSchema, { io: 'input' }) as object })
  changePassword(@CurrentUser() user: AuthUser, @Body(new ZodPipe(changePasswordSchema)) body: ChangePasswordBody, @Ip() address: string) {
    return this.passwords.change(user, body, address);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new token with a fresh expiry for a still-valid one: { accessToken, expiresAt }. 401 unauthenticated (reason user_inactive, credentials_changed, invalid_token) otherwise' })
  refresh(@CurrentUser() user: AuthUser) {
    return this.auth.refresh(user);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The authenticated user: displayName, role, regionCode and regionName' })
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }
}
