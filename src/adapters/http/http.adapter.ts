import Bottleneck from 'bottleneck';
import ms from 'ms';
import type { AdapterConfig, SystemEntityConfig } from '../../config/hub-config.schema';
import { AdapterError, adapterClosedError } from '../adapter.error';
import { isPlainObject, readField, toAdapterRecord } from '../adapter-record.util';
import type { AdapterRecord, ListChangesPage, ListChangesQuery, SystemAdapter, WriteOptions } from '../adapter.types';
import { headerValue, type HttpHeaders, type HttpRequest, type HttpResult, parseJsonBody, type RequestTarget, sendHttp, targetOf } from './http-transport';
import { listBody, sameValue, scalarText, unwrapRecord } from './http-body.util';
import { type BulkOperation, itemResult, sendBulk } from './http-bulk';
import { WriteBatcher } from '../write-batcher';

export type HttpAdapterConfig = Extract<AdapterConfig, { type: 'http' }>;
type PathOp = 'create' | 'update' | 'delete' | 'get' | 'list';

/** REST conventions; each can be overridden per system with {name} and {id} placeholders. */
export const DEFAULT_HTTP_PATHS: Readonly<Record<PathOp, string>> = {
  create: '/{name}',
  update: '/{name}/{id}',
  delete: '/{name}/{id}',
  get: '/{name}/{id}',
  list: '/{name}',
};
export const DEFAULT_HTTP_TIMEOUT = '10s';
const LIST_IDS_PAGE_SIZE = 1000;
const GONE = [404, 410] as const;
const CONDITIONAL_UPDATE = [...GONE, 412] as const;
export const DEFAULT_BULK_PATH = '/{name}/_bulk';
const DEFAULT_BULK_MAX_ITEMS = 100;
/** Stands for the record id while a path template is parsed once: only unreserved characters, so parsing keeps it as it is. */
const ID_SLOT = 'hub-record-id-slot-5c1e';

/** A REST system: JSON over HTTP, auth through configured headers, its own rate limit. */
export class HttpAdapter implements SystemAdapter {
  private readonly limiter?: Bottleneck;
  private readonly timeoutMs: number;
  private closed = false;
  private baseHeaders?: HttpHeaders;
  /** per `operation name`: the parsed path template, split where the id goes */
  private readonly templates = new Map<string, { origin: string; pathname: string[]; path: string[] }>();
  /** with `bulk`: writes and lookups made together go as one request per entity */
  private readonly batcher?: WriteBatcher<BulkOperation, HttpResult>;
  readonly batchesWrites: boolean;

  constructor(
    readonly system: string,
    private readonly config: HttpAdapterConfig,
  ) {
    this.timeoutMs = ms((config.timeout ?? DEFAULT_HTTP_TIMEOUT) as ms.StringValue);
    // Even spacing rather than bursts: a system limited to N/s rejects a burst of N at the window edge.
    if (config.rateLimit) this.limiter = new Bottleneck({ minTime: Math.ceil(1000 / config.rateLimit.perSecond) });
    this.batchesWrites = Boolean(config.bulk);
    if (config.bulk) {
      const maxItems = (typeof config.bulk === 'object' ? config.bulk.maxItems : undefined) ?? DEFAULT_BULK_MAX_ITEMS;
      this.batcher = new WriteBatcher((name, ops) => this.sendBulk(name, ops), maxItems);
    }
  }

  async create(entity: SystemEntityConfig, record: Record<string, unknown>, opts: WriteOptions): Promise<AdapterRecord> {
    const url = this.target('create', entity);
    const res = await this.send({ method: 'POST', target: url, body: record, idempotencyKey: opts.idempotencyKey }, entity, { op: 'create', record });
    const body = unwrapRecord(parseJsonBody(res, `POST ${url.pathname}`), entity.id);
    if (isPlainObject(body) && readField(body, entity.id) !== undefined) return toAdapterRecord(entity, body);
    // A 201 may carry the new id only in Location (RFC 9110 §15.3.2).
    const location = headerValue(res.headers, 'location');
    const fromLocation = location ? lastPathSegment(new URL(location, `${url.origin}${url.path}`)) : undefined;
    if (fromLocation) return toAdapterRecord(entity, { ...(isPlainObject(body) ? body : record), [entity.id]: fromLocation });
    // Retrying would create a second record, so this is permanent: the system must return its id.
    throw new AdapterError(`POST ${url.pathname} answered ${res.status} without the id field "${entity.id}" or a Location header`, {
      retryable: false,
      status: res.status,
      code: 'HTTP_CREATE_WITHOUT_ID',
    });
  }

  async update(
    entity: SystemEntityConfig,
    externalId: string,
    record: Record<string, unknown>,
    opts: WriteOptions,
  ): Promise<AdapterRecord | null> {
    const url = this.target('update', entity, externalId);
    const method = this.config.updateMethod ?? 'PUT';
    const ifMatch = this.config.conditionalWrites && opts.ifVersion !== undefined ? entityTag(opts.ifVersion) : undefined;
    const res = await this.send(
      { method, target: url, body: record, idempotencyKey: opts.idempotencyKey, ifMatch, passStatuses: CONDITIONAL_UPDATE }, entity, { op: 'update', id: externalId, record },
    );
    if (res.status === 412) {
      throw new AdapterError(`${method} ${url.pathname} answered 412: the record changed in ${this.system} since version ${opts.ifVersion}`, {
        retryable: true,
        status: 412,
        code: 'SYSTEM_CHANGED',
      });
    }
    if (res.status >= 300) return null;
    // 204 or an empty body: the system accepted what was sent.
    const body = unwrapRecord(parseJsonBody(res, `${method} ${url.pathname}`), entity.id);
    return isPlainObject(body) ? toAdapterRecord(entity, body, externalId) : { externalId, data: record };
  }

  async delete(entity: SystemEntityConfig, externalId: string, opts: WriteOptions): Promise<void> {
    const url = this.target('delete', entity, externalId);
    await this.send({ method: 'DELETE', target: url, idempotencyKey: opts.idempotencyKey, passStatuses: GONE }, entity, { op: 'delete', id: externalId });
  }

  async get(entity: SystemEntityConfig, externalId: string): Promise<AdapterRecord | null> {
    const url = this.target('get', entity, externalId);
    const res = await this.send({ method: 'GET', target: url, passStatuses: GONE });
    if (res.status >= 300) return null;
    const body = unwrapRecord(parseJsonBody(res, `GET ${url.pathname}`), entity.id);
    return isPlainObject(body) ? toAdapterRecord(entity, body, externalId) : null;
  }

  async findBy(entity: SystemEntityConfig, field: string, value: unknown): Promise<AdapterRecord | null> {
    if (value === null || value === undefined) return null;
    const url = withQuery(this.target('list', entity), [[field, scalarText(value)]]);
    const res = await this.send({ method: 'GET', target: url }, entity, { op: 'find', field, value });
    const { items } = listBody(parseJsonBody(res, `GET ${url.pathname}`), url);
    // Checked again here because a server that ignores an unknown filter answers with every record.
    const match = items.find((item) => sameValue(readField(item, field), value));
    return match ? toAdapterRecord(entity, match) : null;
  }

  async listChanges(entity: SystemEntityConfig, query: ListChangesQuery): Promise<ListChangesPage> {
    const params: [string, string][] = [];
    if (query.since !== null) params.push(['updatedSince', query.since]);
    if (query.afterId !== undefined) params.push(['afterId', query.afterId]);
    params.push(['limit', String(Math.max(1, query.limit))]);
    if (query.cursor) params.push(['cursor', query.cursor]);
    const url = withQuery(this.target('list', entity), params);
    const res = await this.send({ method: 'GET', target: url });
    const { items, next } = listBody(parseJsonBody(res, `GET ${url.pathname}`), url);
    const records = items.map((item) => toAdapterRecord(entity, item));
    return next === undefined ? { records } : { records, next };
  }

  async *listIds(entity: SystemEntityConfig): AsyncIterable<string> {
    let cursor: string | undefined;
    do {
      const url = withQuery(this.target('list', entity), cursor ? [['limit', String(LIST_IDS_PAGE_SIZE)], ['cursor', cursor]] : [['limit', String(LIST_IDS_PAGE_SIZE)]]);
      const res = await this.send({ method: 'GET', target: url });
      const { items, next } = listBody(parseJsonBody(res, `GET ${url.pathname}`), url);
      for (const item of items) yield toAdapterRecord(entity, item).externalId;
      // A full page with no cursor may hide more records; reconciliation would then infer false deletes.
      if (next === undefined && items.length >= LIST_IDS_PAGE_SIZE) {
        throw new AdapterError(`GET ${url.pathname} returned a full page without a cursor: the listing may be incomplete`, {
          retryable: false,
          code: 'HTTP_LIST_INCOMPLETE',
        });
      }
      cursor = next;
    } while (cursor !== undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Requests already queued still run: they were accepted before the adapter was replaced.
    await this.limiter?.stop({ dropWaitingJobs: false });
  }

  /**
   * The target of an operation on a record. Each (operation, entity) template is parsed once, as a URL, with a
   * stand-in for the id; a call only puts its encoded id in the stand-in's place.
   */
  private target(op: PathOp, entity: SystemEntityConfig, id?: string): RequestTarget {
    const key = `${op} ${entity.name}`;
    let template = this.templates.get(key);
    if (!template) {
      const path = (this.config.paths?.[op] ?? DEFAULT_HTTP_PATHS[op]).replaceAll('{name}', entity.name).replaceAll('{id}', ID_SLOT);
      const parsed = targetOf(this.urlFor(path));
      template = { origin: parsed.origin, pathname: parsed.pathname.split(ID_SLOT), path: parsed.path.split(ID_SLOT) };
      this.templates.set(key, template);
    }
    if (template.path.length === 1) return { origin: template.origin, pathname: template.pathname[0], path: template.path[0] };
    const slot = id === undefined ? '' : encodeURIComponent(id);
    return { origin: template.origin, pathname: template.pathname.join(slot), path: template.path.join(slot) };
  }

  private urlFor(path: string): URL {
    const base = this.config.baseUrl.replace(/\/+$/, '');
    return new URL(base + (path.startsWith('/') ? path : `/${path}`));
  }

  private async send(
    req: {
      method: HttpRequest['method'];
      target: RequestTarget;
      body?: Record<string, unknown>;
      idempotencyKey?: string;
      ifMatch?: string;
      passStatuses?: readonly number[];
    },
    entity?: SystemEntityConfig,
    bulk?: BulkOperation,
  ): Promise<HttpResult> {
    if (this.closed) throw adapterClosedError(this.system);
    if (this.batcher && entity && bulk) {
      const op = { ...bulk, idempotencyKey: req.idempotencyKey, ifMatch: req.ifMatch };
      const item = await this.batcher.submit(entity.name, op);
      return itemResult(item, req.passStatuses, `${req.method} ${req.target.pathname} (in a bulk request)`);
    }
    const headers: Record<string, string> = { ...this.headers() };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey !== undefined) headers['idempotency-key'] = req.idempotencyKey;
    if (req.ifMatch !== undefined) headers['if-match'] = req.ifMatch;
    const request: HttpRequest = {
      method: req.method,
      target: req.target,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      timeoutMs: this.timeoutMs,
      passStatuses: req.passStatuses,
    };
    return this.limited(() => sendHttp(request));
  }

  /** One bulk request for the operations gathered on one entity (see http-bulk.ts). */
  private sendBulk(name: string, ops: BulkOperation[]): Promise<(HttpResult | Error)[]> {
    if (this.closed) return Promise.reject(adapterClosedError(this.system));
    const template = (typeof this.config.bulk === 'object' ? this.config.bulk.path : undefined) ?? DEFAULT_BULK_PATH;
    const target = targetOf(this.urlFor(template.replaceAll('{name}', name)));
    const headers = { ...this.headers(), 'content-type': 'application/json' };
    return this.limited(() => sendBulk({ method: 'POST', target, headers, timeoutMs: this.timeoutMs }, ops));
  }

  /**
   * The configured headers merged with the defaults once, case-insensitively (Headers lower-cases and checks the
   * names), as a plain object each request copies: a Headers object per request was a fifth of the CPU of a
   * lookup. Built on first use, so a malformed configured header fails the calls, as it always did, not the
   * adapter's construction.
   */
  private headers(): HttpHeaders {
    if (!this.baseHeaders) {
      const merged = new Headers(this.config.headers);
      if (!merged.has('accept')) merged.set('accept', 'application/json');
      this.baseHeaders = Object.fromEntries(merged);
    }
    return this.baseHeaders;
  }

  private async limited<T>(call: () => Promise<T>): Promise<T> {
    if (!this.limiter) return call();
    try {
      return await this.limiter.schedule(call);
    } catch (err) {
      if (err instanceof Bottleneck.BottleneckError) throw adapterClosedError(this.system);
      throw err;
    }
  }
}

/** A version already written as an entity-tag (`"…"` or `W/"…"`, e.g. OData's @odata.etag) goes as it is; others are quoted. */
export function entityTag(version: string): string {
  return /^(W\/)?".*"$/.test(version) ? version : `"${version.replaceAll('"', '')}"`;
}

/**
 * The target with query parameters added. A template without a query gets them appended, encoded as
 * URLSearchParams encodes them; one that has a query goes through a URL, whose searchParams replace a
 * parameter of the same name, as they always did.
 */
function withQuery(target: RequestTarget, params: [string, string][]): RequestTarget {
  if (!target.path.includes('?')) return { ...target, path: `${target.path}?${new URLSearchParams(params).toString()}` };
  const url = new URL(`${target.origin}${target.path}`);
  for (const [name, value] of params) url.searchParams.set(name, value);
  return targetOf(url);
}

function lastPathSegment(url: URL): string | undefined {
  const segment = url.pathname.split('/').filter(Boolean).pop();
  return segment === undefined ? undefined : decodeURIComponent(segment);
}
