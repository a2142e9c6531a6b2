import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runWithCorrelation } from '../common/correlation';
import type { HubLogger } from './logging';
import type { MetricsService } from './metrics.service';

/** Label for requests no route matched: 404s and scans must not mint one series per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Probes run every few seconds; their lines would drown the log. They are still timed in the metrics. */
const UNLOGGED = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * The route pattern (`/api/conflicts/:id`), never the URL, so metric cardinality stays bounded. A request no route
 * took has no pattern (Fastify's 404 handler).
 */
export function routeLabel(pattern: string | undefined): string {
  if (!pattern) return UNMATCHED_ROUTE;
  return pattern.length > 1 && pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
}

/**
 * One `onResponse` hook times every request (including those a guard, a filter or a body parser answered) and writes
 * the access log line. It runs after the answer has gone out, so neither costs the client anything; the line is built
 * from a few fields rather than pino-http's serialisation of every header, which at the default level was most of the
 * request-logging cost.
 */
export function registerHttpObservability(fastify: FastifyInstance, logger: HubLogger, metrics: Pick<MetricsService, 'httpDuration'>): void {
  // The request id is its correlation id (bootstrap's genReqId honours x-request-id / webhook-id): the rest of the
  // request runs inside its scope, so every log line and every inbox event it writes carries it, and the caller
  // gets it back to quote.
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', req.id);
    runWithCorrelation({ correlationId: req.id }, done);
  });
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const ms = reply.elapsedTime;
    const status = reply.statusCode;
    const route = routeLabel(req.routeOptions.url);
    metrics.httpDuration.observe({ method: req.method, route, status: String(status) }, ms / 1000);
    const level = status >= 500 ? 'error' : 'info';
    if (logger.isLevelEnabled(level) && !UNLOGGED.has(req.url)) {
      logger[level](
        { correlationId: req.id, req: { id: req.id, method: req.method, url: req.url, remoteAddress: req.ip }, res: { statusCode: status }, responseTime: Math.round(ms) },
        `${req.method} ${req.url} ${status} ${Math.round(ms)} ms`,
      );
    }
    done();
  });
}
