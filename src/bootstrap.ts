import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ValidationError } from './common/domain-error';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { flattenValidationErrors } from './common/validation-errors';
import type { AppSettings } from './config/app-settings';
import { createHubLogger, type HubLogger, httpLogMiddleware, PinoNestLogger } from './observability/logging';

/**
 * Builds the Nest application exactly as production runs it; e2e tests use this too, so what they
 * exercise (body limits, raw body for signatures, error mapping, OpenAPI) is what users get.
 */
export async function createHubApp(
  settings: AppSettings,
  databaseUrl: string,
  logger: HubLogger = createHubLogger(settings),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings, databaseUrl), {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(new PinoNestLogger(logger));
  app.use(httpLogMiddleware(logger));
  app.useBodyParser('json', { limit: settings.maxBodyBytes });
  // Configuration documents may be sent as YAML.
  app.useBodyParser('text', { limit: settings.maxBodyBytes, type: ['application/yaml', 'application/x-yaml', 'text/yaml'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new ValidationError('INVALID_REQUEST', 'the request is invalid', flattenValidationErrors(errors)),
    }),
  );
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
