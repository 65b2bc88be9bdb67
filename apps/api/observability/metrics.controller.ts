import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import type { Env } from '../../../config/env.schema';
import { NotFoundError, UnauthenticatedError } from '../common/errors';
import { ENV } from '../infra/tokens';

/**
 * Prometheus metrics on the API port, only when METRICS_TOKEN is set and sent as a bearer token (compared in
 * constant time). Without a token the route does not exist here (404): metrics are then served on METRICS_PORT,
 * a listener for the monitoring network only.
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Prometheus metrics with the METRICS_TOKEN bearer token (404 when none is configured: see METRICS_PORT)' })
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() res: Response) {
    const token = this.env.METRICS_TOKEN;
    if (!token) throw new NotFoundError('metrics are served on METRICS_PORT (no METRICS_TOKEN configured)');
    const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthenticatedError('the metrics token is missing or wrong');
    res.setHeader('content-type', this.registry.contentType);
    res.send(await this.registry.metrics());
  }
}
