import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ValidationFailedError, type FieldIssue } from './errors';
import { malformedText, pathIssue } from './well-formed-text';

/**
 * The edge refuses text the platform cannot store as sent (400 `validation_failed`, naming the field): a NUL or a lone
 * surrogate in the query or the JSON body (the path is checked before routing: `rejectMalformedPath`). Checked once
 * here, before any guard, service or audit line sees it, so what is stored (and hashed into the audit chain) is what
 * was sent.
 */
@Injectable()
export class WellFormedTextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const issues: FieldIssue[] = [];
    issues.push(...malformedText(req.query, 'query').map((i) => ({ ...i, field: i.field.replace(/^query\.?/, '') || '(query)' })));
    issues.push(...malformedText(req.body));
    if (issues.length) throw new ValidationFailedError(issues);
    next();
  }
}

/** Express middleware run before routing: a path that does not decode, or holds NUL or a lone surrogate, is a 400. */
export function rejectMalformedPath(req: Request, res: Response, next: NextFunction): void {
  const issue = pathIssue(req.path);
  if (!issue) return next();
  res.status(400).json({ error: { code: 'validation_failed', message: `${issue.field}: ${issue.rule}`, issues: [issue] } });
}
