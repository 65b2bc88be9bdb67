import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { InfraOptions } from './infra/infra.module';

const LEVELS: Record<string, LogLevel[]> = {
  error: ['error'],
  warn: ['error', 'warn'],
  log: ['error', 'warn', 'log'],
  debug: ['error', 'warn', 'log', 'debug'],
};

/** Builds the API application with its OpenAPI document at /api/docs (JSON at /api/docs-json). */
export async function createApp(infra: InfraOptions): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(infra), { logger: LEVELS[infra.env.LOG_LEVEL], bodyParser: true });
  app.enableShutdownHooks();
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
