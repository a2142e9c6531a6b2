import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type EditCommand, handleAdmin } from './admin-routes';
import { type ActiveFault, FaultInjector } from './fault-injector';
import { headerValue, parseJson, readBody, sendError, sendJson } from './http-io';
import { type CachedResponse, IdempotencyCache } from './idempotency-cache';
import { type PageQuery, RecordStore, type StoredRecord } from './record-store';
import { RequestLog, type RequestLogSnapshot, type WriteOutcome } from './request-log';
import type { SystemDefinition } from './system-definition';
import { SystemHttpError } from './system-error';
import { WebhookSender, type WebhookStats } from './webhook-sender';

export interface RestSystemOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** where webhooks go: {hubUrl}/webhooks/{system key}; without it no webhooks are sent */
  hubUrl?: string;
  /** Standard Webhooks secret (whsec_…) the system signs with */
  webhookSecret?: string;
  /** false simulates a system without webhooks (the hub must poll) */
  webhooks?: boolean;
  /** when set, API requests need `Authorization: Bearer <apiKey>` (/_admin excepted) */
  apiKey?: string;
  /** the system's clock, for updated-at values (tests pin it to produce equal timestamps) */
  now?: () => Date;
  webhookAttempts?: number;
  webhookRetryDelayMs?: number;
  log?: (line: string) => void;
}

export interface SystemStats extends RequestLogSnapshot {
  system: { key: string; name: string };
  records: Record<string, number>;
  webhooks: WebhookStats;
  fault: ActiveFault | null;
  idempotencyKeys: number;
}

export interface RestSystem {
  key: string;
  name: string;
  url: string;
  port: number;
  store: RecordStore;
  webhooks: WebhookSender;
  faults: FaultInjector;
  /** a user editing a record in the system's UI: applied and announced by webhook like any change */
  edit(command: EditCommand): StoredRecord;
  stats(): SystemStats;
  /** empties the records and forgets stats, faults and idempotency keys */
  reset(): void;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** Starts one demo REST system (A or B) described by `definition`. */
export async function startRestSystem(definition: SystemDefinition, opts: RestSystemOptions = {}): Promise<RestSystem> {
  const now = opts.now ?? (() => new Date());
  const store = new RecordStore(definition, now);
  const webhooks = new WebhookSender({
    systemKey: definition.key,
    hubUrl: opts.hubUrl,
    secret: opts.webhookSecret,
    enabled: opts.webhooks ?? true,
    attempts: opts.webhookAttempts,
    retryDelayMs: opts.webhookRetryDelayMs,
    log: opts.log,
  });
  store.onChange((change) => {
    webhooks.send({ type: `${change.entity}.${change.type}`, timestamp: change.at, data: change.record });
  });
  const faults = new FaultInjector();
  const requestLog = new RequestLog();
  const idempotency = new IdempotencyCache(() => now().getTime());

  const system: Omit<RestSystem, 'url' | 'port' | 'close'> = {
    key: definition.key,
    name: definition.name,
    store,
    webhooks,
    faults,
    edit(command) {
      const record =
        command.action === 'create' ? store.create(command.entity, command.data)
        : command.action === 'update' ? store.update(command.entity, command.id, command.data)
        : store.remove(command.entity, command.id);
      requestLog.recordEdit(command.entity, command.action);
      return record;
    },
    stats() {
      const records = Object.fromEntries(definition.entities.map((e) => [e.name, store.count(e.name)]));
      return {
        system: { key: definition.key, name: definition.name },
        records,
        ...requestLog.snapshot(),
        webhooks: webhooks.stats(),
        fault: faults.current(),
        idempotencyKeys: idempotency.size,
      };
    },
    reset() {
      store.reset();
      requestLog.reset();
      faults.clear();
      idempotency.clear();
      webhooks.reset();
    },
  };

  const api = new ApiHandler(definition, store, faults, requestLog, idempotency, now, opts.apiKey);
  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => opts.log?.(`${definition.key} ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    void route(req, res);
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
      if (segments[0] === '_admin') await handleAdmin(system, req, res, segments.slice(1));
      else await api.handle(req, res, url, segments);
    } catch (err) {
      sendError(res, err);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  return {
    ...system,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      await webhooks.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SystemHttpError(400, 'INVALID_PATH', `"${segment}" is not a valid path segment`);
  }
}

/** The system's public API: the REST conventions the hub's http adapter relies on. */
class ApiHandler {
  constructor(
    private readonly definition: SystemDefinition,
    private readonly store: RecordStore,
    private readonly faults: FaultInjector,
    private readonly requestLog: RequestLog,
    private readonly idempotency: IdempotencyCache,
    private readonly now: () => Date,
    private readonly apiKey?: string,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, segments: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    const isWrite = WRITE_METHODS.has(method) && segments.length > 0;
    const raw = isWrite ? await readBody(req) : '';
    const key = headerValue(req, 'idempotency-key');
    const log = (status: number, outcome: WriteOutcome): void => {
      if (!isWrite) return;
      this.requestLog.recordWrite({
        at: this.now().toISOString(), method, path: url.pathname, entity: segments[0], id: segments[1], status, outcome,
        ...(key ? { idempotencyKey: key } : {}),
      });
    };

    const fault = this.faults.take();
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault?.status) {
      log(fault.status, 'fault');
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return sendJson(res, fault.status, { error: { code: 'INJECTED_FAULT', message: `fault injected: HTTP ${fault.status}` } }, headers);
    }
    if (this.apiKey && headerValue(req, 'authorization') !== `Bearer ${this.apiKey}`) {
      log(401, 'rejected');
      return sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'a valid API key is required' } });
    }
    if (segments.length === 0 && method === 'GET') {
      return sendJson(res, 200, { system: this.definition.key, name: this.definition.name, entities: this.definition.entities.map((e) => e.name) });
    }
    if (!isWrite) return this.read(res, method, url, segments);

    const fingerprint = IdempotencyCache.fingerprint(method, url.pathname, raw);
    if (key) {
      const cached = this.idempotency.lookup(key, fingerprint);
      if (cached.kind === 'replay') {
        log(cached.response.status, 'replayed');
        return sendJson(res, cached.response.status, cached.response.body, { ...cached.response.headers, 'idempotent-replayed': 'true' });
      }
      if (cached.kind === 'mismatch') {
        log(422, 'rejected');
        return sendJson(res, 422, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: `Idempotency-Key "${key}" was used for a different request` } });
      }
    }
    let response: CachedResponse;
    try {
      response = this.write(method, segments, raw, headerValue(req, 'if-match'));
    } catch (err) {
      if (!(err instanceof SystemHttpError)) throw err;
      response = { status: err.status, body: err.toBody() };
    }
    // Server errors are not remembered: a retry with the same key must get a real second chance. Nor is a failed
    // precondition: nothing was written, and the caller's next try names another version.
    if (key && response.status < 500 && response.status !== 412) this.idempotency.remember(key, fingerprint, response);
    log(response.status, response.status < 300 ? 'applied' : 'rejected');
    sendJson(res, response.status, response.body, response.headers);
  }

  private write(method: string, segments: string[], raw: string, ifMatch?: string): CachedResponse {
    const [entity, id, ...extra] = segments;
    this.store.entity(entity);
    if (extra.length) throw new SystemHttpError(404, 'NOT_FOUND', `no route ${segments.join('/')}`);
    if (id === undefined) {
      if (method !== 'POST') throw methodNotAllowed(method, `/${entity}`);
      const record = this.store.create(entity, parseJson(raw));
      const newId = String(record[this.store.entity(entity).idField]);
      return { status: 201, body: record, headers: { location: `/${entity}/${encodeURIComponent(newId)}`, etag: this.entityTag(record) } };
    }
    if (ifMatch !== undefined) this.checkPrecondition(entity, id, ifMatch);
    if (method === 'PUT' || method === 'PATCH') {
      const record = this.store.update(entity, id, parseJson(raw));
      return { status: 200, body: record, headers: { etag: this.entityTag(record) } };
    }
    if (method === 'DELETE') {
      this.store.remove(entity, id);
      return { status: 204, body: undefined };
    }
    throw methodNotAllowed(method, `/${entity}/${id}`);
  }

  /** A record's entity-tag is its updated-at, which the store moves forward on every write of the record. */
  private entityTag(record: StoredRecord): string {
    return `"${String(record[this.store.definition.updatedAtField])}"`;
  }

  /** A conditional write (If-Match) applies only to the version the caller names; 412 otherwise, and nothing changes. */
  private checkPrecondition(entity: string, id: string, ifMatch: string): void {
    const current = this.store.get(entity, id);
    if (!current) return;
    if (!ifMatchAllows(ifMatch, this.entityTag(current))) {
      throw new SystemHttpError(412, 'PRECONDITION_FAILED', `${entity} ${id} is at ${this.entityTag(current)}, not ${ifMatch}`);
    }
  }

  private read(res: ServerResponse, method: string, url: URL, segments: string[]): void {
    const [entity, id, ...extra] = segments;
    if (method !== 'GET') throw methodNotAllowed(method, url.pathname);
    this.store.entity(entity);
    if (extra.length) throw new SystemHttpError(404, 'NOT_FOUND', `no route ${url.pathname}`);
    if (id !== undefined) {
      const record = this.store.get(entity, id);
      if (!record) throw new SystemHttpError(404, 'NOT_FOUND', `${entity} ${id} not found`);
      return sendJson(res, 200, record, { etag: this.entityTag(record) });
    }
    sendJson(res, 200, this.store.page(entity, parseListQuery(url.searchParams)));
  }
}

/** RFC 9110 If-Match: `*` or a list of entity-tags, compared strongly (a weak tag never matches). */
export function ifMatchAllows(header: string, current: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  return value.split(',').map((t) => t.trim()).some((t) => !t.startsWith('W/') && t === current);
}

function parseListQuery(params: URLSearchParams): PageQuery {
  const query: PageQuery = { limit: DEFAULT_LIMIT, filters: {} };
  for (const [name, value] of params) {
    if (name === 'limit') {
      const limit = Number(value);
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new SystemHttpError(400, 'INVALID_QUERY', `limit must be an integer from 1 to ${MAX_LIMIT}`);
      }
      query.limit = limit;
    } else if (name === 'updatedSince') query.updatedSince = value;
    else if (name === 'afterId') query.afterId = value;
    else if (name === 'cursor') query.cursor = value;
    else query.filters![name] = value;
  }
  return query;
}

function methodNotAllowed(method: string, path: string): SystemHttpError {
  return new SystemHttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported on ${path}`);
}
