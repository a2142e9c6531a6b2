import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import type { AppSettings } from './config/app-settings';

/**
 * Builds the Nest application exactly as production runs it; e2e tests use this too, so what they
 * exercise (body limits, raw body for signatures, error mapping, OpenAPI) is what users get.
 */
export async function createHubApp(settings: AppSettings, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings, databaseUrl), {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: settings.maxBodyBytes });
  app.useGlobalFilters(new HttpExceptionFilter());

  const openapi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Master data hub — admin API')
      .setDescription('Golden records, systems, configuration, events, deliveries and conflicts.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  // swagger-ui assets are served from the installed swagger-ui-dist package: no CDN.
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
  return app;
}
