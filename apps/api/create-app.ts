import { resolve } from 'node:path';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PROJECT_ROOT } from '../../config/paths';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { InfraOptions } from './infra/infra.module';
import { rejectMalformedPath } from './common/well-formed-text.middleware';

const LEVELS: Record<string, LogLevel[]> = {
  error: ['error'],
  warn: ['error', 'warn'],
  log: ['error', 'warn', 'log'],
  debug: ['error', 'warn', 'log', 'debug'],
};

/** The browser console: static files, only same-origin scripts (the console writes API data as text, never markup). */
const CONSOLE_DIR = resolve(PROJECT_ROOT, 'apps', 'web');
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
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(infra), { logger: LEVELS[infra.env.LOG_LEVEL], bodyParser: true });
  app.enableShutdownHooks();
  app.use(rejectMalformedPath);
  app.useStaticAssets(CONSOLE_DIR, {
    index: 'index.html',
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(CONSOLE_HEADERS)) res.setHeader(name, value);
    },
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
