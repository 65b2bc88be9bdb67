import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { Env } from '../../../config/env.schema';

import { ENV } from '../infra/tokens';

async function probe(check: () => Promise<unknown>, timeoutMs = 3000): Promise<{ reachable: boolean; error?: string }> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs))]);
    return { reachable: true };
  } catch (err) {
    return { reachable: false, error: err instanceof Error ? err.message.split('\n')[0] : 'unreachable' };
  }
}

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    @Inject(ENV) private readonly env: Env,
  ) {}
  @Get()
  @ApiOperation({ summary: 'Whether Temporal and the database are reachable (503 when either is not)' })
  async health(@Res() res: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.orm.em.fork().getConnection().execute('select 1')),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = database.reachable && temporal.reachable;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      database: { ...database, dialect: this.env.DATABASE_URL ? 'postgresql' : 'sqlite' },
      temporal: { ...temporal, address: this.env.TEMPORAL_ADDRESS, namespace: this.env.TEMPORAL_NAMESPACE },
    });
  }
}
