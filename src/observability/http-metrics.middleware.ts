import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/** Label for requests no route matched: 404s and scans must not mint one series per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every HTTP request, including those a guard or a filter answers (an interceptor would miss them).
 * Labelled by route pattern (`/api/conflicts/:id`), never by URL, so cardinality stays bounded.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpDuration.observe({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }, seconds);
    });
    next();
  }
}

/** A trailing named wildcard (`{/*splat}`, `/*path`): how middleware and mounted apps (GraphQL) are registered. */
const MOUNT_WILDCARD = /\{?\/\*[A-Za-z_$][\w$]*\}?$/;

/**
 * Express 5 leaves in `req.route` the last route that matched. A route handler sets its pattern there; a
 * request no handler took keeps the catch-all pattern middleware is registered with, which names no route.
 */
export function routeLabel(req: Pick<Request, 'baseUrl'> & { route?: { path?: unknown } }): string {
  const pattern = req.route?.path;
  if (typeof pattern !== 'string') return req.baseUrl || UNMATCHED_ROUTE;
  const route = `${req.baseUrl ?? ''}${pattern.replace(MOUNT_WILDCARD, '')}`;
  return route || (pattern === '/' ? '/' : UNMATCHED_ROUTE);
}
