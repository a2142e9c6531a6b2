import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal system the hub delivers to, speaking the http adapter's REST conventions (docs/adapters.md):
 * `POST /{prefix}/{name}` creates (answers the record with a new id), `PUT /{prefix}/{name}/{id}` updates
 * (204: stored as sent), `DELETE` deletes, `GET /{name}/{id}` and `GET /{name}?field=value` read. Records live
 * in memory. Every write is reported with the time its request arrived (before its body was read).
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
  let nextId = 0;
  const state = { writes: 0 };
  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, at, Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        reply(res, 500, { error: (err as Error).message });
      }
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, at: number, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [prefix, name, id] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const idField = ID_FIELDS[name];
    if (!prefix || !idField) return reply(res, 404, { error: 'unknown entity' });
    const key = (k: string) => `${prefix}/${name}/${k}`;
    const method = req.method ?? 'GET';
    if (method === 'GET') {
      if (id) {
        const found = store.get(key(id));
        return found ? reply(res, 200, found) : reply(res, 404, { error: 'not found' });
      }
      const [field, value] = [...url.searchParams.entries()].find(([f]) => !['limit', 'cursor', 'updatedSince', 'afterId'].includes(f)) ?? [];
      const all = [...store.entries()].filter(([k]) => k.startsWith(`${prefix}/${name}/`)).map(([, r]) => r);
      return reply(res, 200, field ? all.filter((r) => String(r[field]) === value) : all);
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (method === 'POST' && !id) {
      const created = { ...body, [idField]: `t${prefix}-${++nextId}` };
      store.set(key(String(created[idField])), created);
      write({ method, prefix, name, id: String(created[idField]), body, at });
      return reply(res, 201, created);
    }
    if ((method === 'PUT' || method === 'PATCH') && id) {
      const existing = store.get(key(id));
      if (!existing) return reply(res, 404, { error: 'not found' });
      store.set(key(id), { ...existing, ...body, [idField]: id });
      write({ method, prefix, name, id, body, at });
      return reply(res, 204);
    }
    if (method === 'DELETE' && id) {
      store.delete(key(id));
      write({ method, prefix, name, id, body, at });
      return reply(res, 204);
    }
    reply(res, 405, { error: 'method not allowed' });
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
