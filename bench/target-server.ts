import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal system the hub delivers to, speaking the http adapter's REST conventions (docs/adapters.md):
 * `POST /{prefix}/{name}` creates (answers the record with a new id), `PUT /{prefix}/{name}/{id}` updates
 * (204: stored as sent), `DELETE` deletes, `GET /{name}/{id}` and `GET /{name}?field=value` read. Records live
 * in memory. Every write is reported with the time its request arrived (before its body was read).
 * `POST /{prefix}/{name}/_bulk` takes the http adapter's optional bulk convention (docs/adapters.md).
 */

export interface TargetWrite {
  method: string;
  /** the path prefix, e.g. `a` or `b` (one server can stand in for several systems) */
  prefix: string;
  name: string;
  id: string;
  body: Record<string, unknown>;
  /** performance.now() when the request arrived */
  at: number;
}

export interface TargetServer {
  baseUrl: string;
  writes: number;
  close(): Promise<void>;
}

/** The id field of each entity name, as bench/delivery-config.yaml maps them. */
const ID_FIELDS: Record<string, string> = { contacts: 'id', customers: 'customer_id' };

export async function startTargetServer(onWrite: (w: TargetWrite) => void = () => undefined): Promise<TargetServer> {
  const store = new Map<string, Record<string, unknown>>();
  // Lookups by field (findBy before a create) through an index, as a real system's would be: a scan of every
  // record per lookup made this server, not the hub, the bottleneck at 20,000 records.
  const indexes = new Map<string, Map<string, Set<string>>>();
  let nextId = 0;
  const state = { writes: 0 };
  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const answer = handle(req.method ?? 'GET', new URL(req.url ?? '/', 'http://127.0.0.1'), at, Buffer.concat(chunks).toString('utf8'));
        reply(res, answer.status, answer.body);
      } catch (err) {
        reply(res, 500, { error: (err as Error).message });
      }
    });
  });

  const indexKey = (collection: string, field: string) => `${collection}\u0000${field}`;
  function index(collection: string, field: string): Map<string, Set<string>> {
    let idx = indexes.get(indexKey(collection, field));
    if (!idx) {
      idx = new Map();
      for (const [k, r] of store) if (k.startsWith(`${collection}/`)) addTo(idx, String(r[field]), k);
      indexes.set(indexKey(collection, field), idx);
    }
    return idx;
  }
  function addTo(idx: Map<string, Set<string>>, value: string, k: string): void {
    let set = idx.get(value);
    if (!set) idx.set(value, (set = new Set()));
    set.add(k);
  }
  function put(collection: string, k: string, record: Record<string, unknown> | undefined): void {
    const before = store.get(k);
    for (const [ik, idx] of indexes) {
      const [c, field] = ik.split('\u0000');
      if (c !== collection) continue;
      if (before) idx.get(String(before[field]))?.delete(k);
      if (record) addTo(idx, String(record[field]), k);
    }
    if (record) store.set(k, record);
    else store.delete(k);
  }

  type Answer = { status: number; body?: unknown };
  function handle(method: string, url: URL, at: number, raw: string): Answer {
    const [prefix, name, id] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const idField = ID_FIELDS[name];
    if (!prefix || !idField) return { status: 404, body: { error: 'unknown entity' } };
    const collection = `${prefix}/${name}`;
    const key = (k: string) => `${collection}/${k}`;
    if (method === 'POST' && id === '_bulk') {
      // The http adapter's bulk convention: one result per operation, as its single request would have answered.
      const { operations } = JSON.parse(raw) as { operations: { op: string; id?: string; record?: Record<string, unknown>; field?: string; value?: unknown }[] };
      const results = operations.map((o) => {
        if (o.op === 'find') return op(collection, name, idField, at, 'GET', undefined, undefined, o.field, String(o.value));
        const m = o.op === 'create' ? 'POST' : o.op === 'update' ? 'PUT' : 'DELETE';
        return op(collection, name, idField, at, m, o.id, o.record);
      });
      return { status: 200, body: { results } };
    }
    if (method === 'GET' && !id) {
      const [field, value] = [...url.searchParams.entries()].find(([f]) => !['limit', 'cursor', 'updatedSince', 'afterId'].includes(f)) ?? [];
      return op(collection, name, idField, at, method, undefined, undefined, field, value);
    }
    return op(collection, name, idField, at, method, id, raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
    function op(c: string, n: string, idf: string, t: number, m: string, i?: string, body: Record<string, unknown> = {}, field?: string, value?: string): Answer {
      if (m === 'GET') {
        if (i) {
          const found = store.get(key(i));
          return found ? { status: 200, body: found } : { status: 404, body: { error: 'not found' } };
        }
        if (field) return { status: 200, body: [...(index(c, field).get(value ?? '') ?? [])].map((k) => store.get(k)) };
        return { status: 200, body: [...store.entries()].filter(([k]) => k.startsWith(`${c}/`)).map(([, r]) => r) };
      }
      const [p] = c.split('/');
      if (m === 'POST' && !i) {
        const created = { ...body, [idf]: `t${p}-${++nextId}` };
        put(c, key(String(created[idf])), created);
        write({ method: m, prefix: p, name: n, id: String(created[idf]), body, at: t });
        return { status: 201, body: created };
      }
      if ((m === 'PUT' || m === 'PATCH') && i) {
        const existing = store.get(key(i));
        if (!existing) return { status: 404, body: { error: 'not found' } };
        put(c, key(i), { ...existing, ...body, [idf]: i });
        write({ method: m, prefix: p, name: n, id: i, body, at: t });
        return { status: 204 };
      }
      if (m === 'DELETE' && i) {
        put(c, key(i), undefined);
        write({ method: m, prefix: p, name: n, id: i, body, at: t });
        return { status: 204 };
      }
      return { status: 405, body: { error: 'method not allowed' } };
    }
  }

  function write(w: TargetWrite): void {
    state.writes++;
    onWrite(w);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get writes() {
      return state.writes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
