import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { Env } from '../../../config/env.schema';
import { logOptions } from '../../observability/log-options';
import { safeError } from '../../observability/safe-error';
import type { AuthUser } from '../auth/auth.types';

/** A caller's request id is kept when it is 1–128 visible ASCII characters; otherwise the API makes one. */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

type Req = IncomingMessage & { id?: unknown; user?: AuthUser; route?: { path?: string }; baseUrl?: string };

/**
 * The route pattern a request matched (`/api/applications/:id`), never the URL: paths and query strings may carry
 * names or ID numbers. Requests no route matched are `unmatched` (static files of the console are `static`).
 */
export function routePattern(req: Req): string {
  const path = req.route?.path;
  if (typeof path === 'string') return `${req.baseUrl ?? ''}${path}`;
  return (req.url ?? '').startsWith('/api') ? 'unmatched' : 'static';
}

/**
 * pino-http settings of the API: one line per request when it ends — request id (the caller's `x-request-id`, echoed
 * back), method, route pattern, status, duration in ms, and the user id and role when authenticated. No bodies, no
 * URLs, no headers. A request that ended in an unexpected error logs at `error` with the error's class and stack
 * (the error filter hands it over as `res.err`); other 5xx answers at `warn`; 4xx answers are ordinary info lines.
 */
export function requestLogOptions(env: Env, destination?: DestinationStream): Options {
  return {
    ...logOptions(env, 'api'),
    ...(destination ? { stream: destination } : {}),
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customAttributeKeys: { responseTime: 'durationMs' },
    wrapSerializers: false,
    serializers: {
      req: (req: Req) => ({ method: req.method }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
    // pino-http asks at the start too, when neither the route nor the user is known: only the final answer counts.
    customProps: (req: Req, res: ServerResponse) =>
      res.headersSent
        ? { requestId: req.id, route: routePattern(req), ...(req.user ? { userId: req.user.id, role: req.user.role } : {}) }
        : {},
    // An answered 503 (Temporal or the database busy, nothing done) is a warning; an unexpected error is an error
    // and only then does the line carry `err` (pino-http would invent one without a useful stack).
    customLogLevel: (_req, res, err) => (err || (res as { err?: unknown }).err ? 'error' : res.statusCode >= 500 ? 'warn' : 'info'),
    customErrorObject: (_req, res, _err, fields: Record<string, unknown>) => {
      if ((res as { err?: unknown }).err) return fields;
      const { err: _invented, ...rest } = fields;
      return rest;
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  };
}
