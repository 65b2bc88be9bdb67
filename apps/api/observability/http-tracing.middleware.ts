import { Injectable, type NestMiddleware } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { AuthUser } from '../auth/auth.types';
import { routePattern } from './request-log';

/**
 * One server span per request when tracing is on (a no-op tracer otherwise): continues the caller's `traceparent`,
 * is named `METHOD /route/:pattern` when the response ends, and carries the status and the caller's role — never the
 * URL. It runs as Nest middleware, after the body parsers, so the handler (and the Temporal client interceptor that
 * starts or updates a workflow) runs inside the span's context.
 */
@Injectable()
export class HttpTracingMiddleware implements NestMiddleware {
  private readonly tracer = trace.getTracer('jiuzhu-api');

  use(req: Request & { user?: AuthUser }, res: Response, next: NextFunction): void {
    const parent = propagation.extract(context.active(), req.headers);
    const span = this.tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    res.once('finish', () => {
      const route = routePattern(req);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode, ...(req.user ? { 'enduser.role': req.user.role } : {}) });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  }
}
