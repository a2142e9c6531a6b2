import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { HttpServer } from '@nestjs/common';
import { isDatabaseUnavailable } from '../database/database-errors';
import { DomainError, RateLimitedError } from './domain-error';
import { type ErrorCode, KIND_STATUS } from './error-codes';


/** Fastify's own refusals before a handler runs (body parsing, limits), by their error code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/**
 * The one HTTP mapper: DomainError → status + `{ error: { code, message, details } }`. It answers through the HTTP
 * adapter, so it does not depend on the platform's reply object.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly http: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<unknown>();
    if (exception instanceof DomainError) {
      if (exception instanceof RateLimitedError) this.http.setHeader(reply, 'retry-after', String(exception.retryAfterSeconds));
      this.send(reply, KIND_STATUS[exception.kind], {
        error: { code: exception.code, message: exception.message, details: exception.details },
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      // Fastify's refusals (body parsing, limits) arrive wrapped by Nest's adapter, the original as the cause.
      const cause = exception.cause as { code?: string } | undefined;
      this.send(reply, status, {
        error: {
          code: (cause?.code && FASTIFY_CODES[cause.code]) ?? httpCode(status),
          message: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : JSON.stringify(message),
          details: Array.isArray(message) ? message.map((m) => ({ message: String(m) })) : [],
        },
      });
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      // Nothing was stored: a clear "try again" (senders retry 503 with the same id; the inbox deduplicates).
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      this.http.setHeader(reply, 'retry-after', '5');
      this.send(reply, 503, {
        error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable; retry later', details: [] },
      });
      return;
    }
    this.logger.error(exception);
    this.send(reply, 500, { error: { code: 'INTERNAL_ERROR', message: 'internal error', details: [] } });
  }

  private send(reply: unknown, status: number, body: { error: { code: string; message: string; details: unknown[] } }): void {
    // Refusals before Apollo runs (body parsing, limits) reach a GraphQL client in GraphQL's shape, with the same code.
    if (this.isGraphql(reply)) {
      const { code, message, details } = body.error;
      this.http.reply(reply, { errors: [{ message, extensions: { code, details } }] }, status);
      return;
    }
    this.http.reply(reply, body, status);
  }

  private isGraphql(reply: unknown): boolean {
    const url = (reply as { request?: { url?: string } }).request?.url ?? '';
    return url === '/graphql' || url.startsWith('/graphql?') || url.startsWith('/graphql/');
  }
}

function httpCode(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 404) return 'NOT_FOUND';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  return 'BAD_REQUEST';
}
