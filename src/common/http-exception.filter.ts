import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '../database/database-errors';
import { DomainError, type DomainErrorKind } from './domain-error';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, precondition_failed: 412,
  too_large: 413, rate_limited: 429, unavailable: 503,
};

/** The one HTTP mapper: DomainError → status + `{ error: { code, message, details } }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      res.status(STATUS[exception.kind]).json({
        error: { code: exception.code, message: exception.message, details: exception.details },
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      // Nest wraps body-parser's errors; their `type` (entity.parse.failed, entity.too.large) is on the cause.
      const cause = exception.cause as { type?: string } | undefined;
      const errType = cause?.type ?? (exception.cause instanceof SyntaxError ? 'entity.parse.failed' : undefined);
      res.status(status).json({
        error: {
          code: httpCode(status, errType),
          message: Array.isArray(message) ? message.join('; ') : String(message),
          details: Array.isArray(message) ? message.map((m) => ({ message: String(m) })) : [],
        },
      });
      return;
    }
    // body-parser errors carry a status and a type but are not HttpExceptions
    const e = exception as { status?: number; type?: string; message?: string };
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: httpCode(e.status, e.type), message: e.message ?? 'bad request', details: [] } });
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      // Nothing was stored: a clear "try again" (senders retry 503 with the same id; the inbox deduplicates).
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      res.status(503).set('retry-after', '5').json({
        error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable; retry later', details: [] },
      });
      return;
    }
    this.logger.error(exception);
    res.status(500).json({ error: { code: 'INTERNAL_ERROR', message: 'internal error', details: [] } });
  }
}

function httpCode(status: number, type?: string): string {
  if (type === 'entity.parse.failed') return 'MALFORMED_JSON';
  if (type === 'entity.too.large' || status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 404) return 'NOT_FOUND';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  return 'BAD_REQUEST';
}
