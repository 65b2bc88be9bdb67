import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { routePattern } from './request-log';

/**
 * HTTP request metrics by method, route pattern (never the URL) and status: a duration histogram (seconds) and a
 * counter. Returns the Express middleware that records them when each response ends.
 */
export function httpMetrics(registry: Registry): (req: Request, res: Response, next: NextFunction) => void {
  const labelNames = ['method', 'route', 'status'] as const;
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'API request duration by route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const total = new Counter({ name: 'http_requests_total', help: 'API requests by route pattern and status', labelNames, registers: [registry] });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: req.method, route: routePattern(req), status: String(res.statusCode) };
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      total.inc(labels);
    });
    next();
  };
}
