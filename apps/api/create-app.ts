import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { PROJECT_ROOT } from '../../config/paths';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentDecisions } from './inbox/decision-docs';
import { InboxService } from './inbox/inbox.service';
import { AppModule } from './app.module';
import type { InfraOptions } from './infra/infra.module';
import { rejectMalformedPath } from './common/well-formed-text.middleware';
import { businessGauges } from './observability/business-gauges';
import { httpMetrics } from './observability/http-metrics';
import { Readiness } from './observability/readiness';

/** Paths the console's fallback must leave alone: the API, the probes and the metrics. */
const NOT_CONSOLE = /^\/(api|health|metrics)(\/|$)/;

/** What the composition root needs besides the application: the metrics registry and the readiness switch. */
export interface ApiApplication {
  app: INestApplication;
  registry: Registry;
  readiness: Readiness;
}


/**
 * The caseworkers' console: the Vue application built by Vite into dist/web (apps/web/vite.config.mts), only
 * same-origin scripts. Element Plus needs nothing beyond 'self': its styles are one built CSS file, and the inline
 * positions it computes (popovers, dialogs, table widths) are set through the CSSOM (element.style), which
 * style-src does not govern; its icons are inline SVG elements, and data: images are allowed for the SVG
 * backgrounds in its stylesheet. No 'unsafe-inline', no 'unsafe-eval'.
 */
const CONSOLE_DIR = resolve(PROJECT_ROOT, 'dist', 'web');
const CONSOLE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Builds the API application with its OpenAPI document at /api/docs (JSON at /api/docs-json) and the caseworkers'
 * browser console at /.
 */
export async function createApp(infra: InfraOptions): Promise<INestApplication> {
  return (await createApiApplication(infra)).app;
}

/**
 * The application with its observability: JSON logs through nestjs-pino (Nest's own messages included), HTTP and
 * process metrics plus the business gauges in one registry per application, and the readiness switch main.ts
 * flips on SIGTERM.
 */
export async function createApiApplication(infra: InfraOptions): Promise<ApiApplication> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  businessGauges(registry, infra.orm, { cacheSeconds: infra.env.METRICS_CACHE_SECONDS, thresholdFen: infra.env.RESERVE_LOW_THRESHOLD_FEN });
  const readiness = new Readiness(infra.orm, infra.temporal);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(infra, { registry, readiness }), { bufferLogs: true, bodyParser: true });
  app.useLogger(app.get(Logger));
  app.use(httpMetrics(registry));
  app.use(rejectMalformedPath);
  app.useStaticAssets(CONSOLE_DIR, {
    index: 'index.html',
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(CONSOLE_HEADERS)) res.setHeader(name, value);
    },
  });
  // The console's own routes (/inbox, /tasks/…, /query) are drawn in the browser: a reload or a deep link gets
  // index.html. API paths and files (anything with an extension) are left to the API and the static handler.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path) || /\.[a-z0-9]+$/i.test(req.path)) return next();
    for (const [name, value] of Object.entries(CONSOLE_HEADERS)) res.setHeader(name, value);
    res.sendFile(resolve(CONSOLE_DIR, 'index.html'), (err) => err && next());
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('社会救助 · social assistance casework API')
      .setDescription('低保 applications, role inboxes and case timelines. Errors: { error: { code, message, issues? } }.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  documentDecisions(document, app.get(InboxService).decisionSchemas);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return { app, registry, readiness };
}
