import type { IncomingMessage } from 'node:http';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { correlationIdFrom } from './common/correlation';
import { ValidationError } from './common/domain-error';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { flattenValidationErrors, validationCode } from './common/validation-errors';
import type { AppSettings } from './config/app-settings';
import { registerHttpObservability } from './observability/http-observability';
import { createHubLogger, type HubLogger, PinoNestLogger } from './observability/logging';
import { MetricsService } from './observability/metrics.service';
import { frameworkErrors, registerInputGuards } from './security/input-guards';
import { jsonBodyParser, YAML_TYPES, yamlBodyParser } from './common/body-parsers';
import { completeOpenApi } from './api-contract/openapi-contract';

export type HubApp = NestFastifyApplication;

/**
 * Builds the Nest application exactly as production runs it; e2e tests use this too, so what they
 * exercise (body limits, raw body for signatures, error mapping, OpenAPI) is what users get.
 * Fastify, not Express: see docs/decision-fastify-platform.md.
 */
export async function createHubApp(
  settings: AppSettings,
  databaseUrl: string,
  logger: HubLogger = createHubLogger(settings),
): Promise<HubApp> {
  const adapter = new FastifyAdapter({
    bodyLimit: settings.maxBodyBytes,
    // Request lines come from our own hook (registerHttpObservability), with the hub's logger.
    logger: false,
    // The request id is the correlation id: the caller's x-request-id or webhook-id when usable, a UUID otherwise.
    genReqId: (req: IncomingMessage) => correlationIdFrom(req.headers),
    // Console paths and GraphQL's clients may add a trailing slash; the routes are the same.
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, databaseUrl), adapter, {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(new PinoNestLogger(logger));
  // The raw bytes stay on the request (`rawBody`): webhook signatures are checked over them, not a re-serialisation.
  app.useBodyParser('application/json', { bodyLimit: settings.maxBodyBytes }, jsonBodyParser(adapter.getInstance(), settings.maxJsonDepth));
  registerInputGuards(adapter.getInstance());
  // Configuration documents may be sent as YAML.
  app.useBodyParser(YAML_TYPES, { bodyLimit: settings.maxBodyBytes }, yamlBodyParser);
  registerHttpObservability(adapter.getInstance(), logger, app.get(MetricsService));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new ValidationError(validationCode(errors), 'the request is invalid', flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter(app.getHttpAdapter()));

  // The server is the origin serving the document ('/'), so the same document is right behind any host or port.
  const openapi = completeOpenApi(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Master data hub — admin API')
      .setDescription('Golden records, systems, configuration, events, deliveries and conflicts.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  ), '/');
  // swagger-ui assets are served from the installed swagger-ui-dist package (through @fastify/static): no CDN.
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
  return app;
}

/**
 * `app.init()` and then Fastify's own start (plugins such as the Swagger UI's static files load there): what a test
 * needs before it sends requests to `app.getHttpServer()` without `listen()`.
 */
export async function initHubApp(app: HubApp): Promise<HubApp> {
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
