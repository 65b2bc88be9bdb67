import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Env } from '../../../config/env.schema';
import { Readiness } from '../observability/readiness';
import { ENV } from '../infra/tokens';

/**
 * Health for people and for the orchestrator. `/api/health` (kept for the console and scripts) and `/health/ready`
 * answer 503 unless the database and Temporal answer and the process is not draining; `/health/live` only says the
 * process serves HTTP (restart it when that fails, not when a dependency is down).
 */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Get('api/health')
  @ApiOperation({ summary: 'Whether Temporal and the database are reachable (503 when either is not)' })
  async health(@Res() res: Response) {
    return this.ready(res);
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'Readiness: database ping, Temporal connection, not draining (503 otherwise)' })
  async ready(@Res() res: Response) {
    const { ready, draining, database, temporal } = await this.readiness.check();
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : draining ? 'draining' : 'degraded',
      database: { ...database, dialect: this.env.DATABASE_URL ? 'postgresql' : 'sqlite' },
      temporal,
    });
  }

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP' })
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}
