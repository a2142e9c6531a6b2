import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type DemoStack, startDemoStack } from '../../examples/demo/demo-stack';
import type { EditCommand } from '../../examples/shared/admin-routes';
import type { FaultSpec } from '../../examples/shared/fault-injector';
import type { SystemStats } from '../../examples/shared/rest-system';
import { dropSystemC } from '../../examples/system-c/system-c';
import type { Warehouse } from '../../examples/system-c/warehouse';
import { type IdleProbe, waitForIdle } from './demo-helpers';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
}

async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text, the assertion will show it
  }
  return { status: res.status, body: parsed as T };
}

/** System A or B driven only through its HTTP endpoints: the public API and /_admin. */
export class DemoSystemClient {
  constructor(readonly key: 'A' | 'B', readonly url: string) {}

  /** A user editing in the system's UI (fires the system's webhook). Fails on anything but 200/201. */
  async edit(command: EditCommand): Promise<Record<string, any>> {
    const res = await call<Record<string, any>>('POST', `${this.url}/_admin/edit`, command);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${this.key} edit answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async stats(): Promise<SystemStats> {
    return (await call<SystemStats>('GET', `${this.url}/_admin/stats`)).body;
  }

  /** `{}` clears. */
  async fault(spec: FaultSpec): Promise<void> {
    const res = await call('POST', `${this.url}/_admin/faults`, spec);
    if (res.status !== 200) throw new Error(`${this.key} fault answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  /** `{ enabled: false }` makes the system one without webhooks (the hub must pull). */
  async webhooks(settings: { enabled?: boolean; dropNext?: number }): Promise<void> {
    const res = await call('POST', `${this.url}/_admin/webhooks`, settings);
    if (res.status !== 200) throw new Error(`${this.key} webhooks answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  async webhooksPending(): Promise<number> {
    return (await call<{ pending: number }>('GET', `${this.url}/_admin/webhooks`)).body.pending;
  }

  /** A record through the public API; null on 404. Faults apply here, as to the hub's own reads. */
  async get(entity: string, id: string): Promise<Record<string, any> | null> {
    const res = await call<Record<string, any>>('GET', `${this.url}/${entity}/${encodeURIComponent(id)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`${this.key} GET ${entity}/${id} answered ${res.status}`);
    return res.body;
  }

  /** Records filtered by field equality (text case-insensitive), through the public API. */
  async find(entity: string, filters: Record<string, string>): Promise<Record<string, any>[]> {
    const q = new URLSearchParams({ ...filters, limit: '1000' });
    const res = await call<{ data: Record<string, any>[] }>('GET', `${this.url}/${entity}?${q}`);
    if (res.status !== 200) throw new Error(`${this.key} GET ${entity}?${q} answered ${res.status}`);
    return res.body.data;
  }
}

/** The hub's REST and GraphQL APIs over real HTTP with the admin key. */
export class HubClient {
  constructor(readonly url: string, private readonly key: string) {}

  request<T = any>(method: string, p: string, body?: unknown, key = this.key): Promise<HttpAnswer<T>> {
    return call<T>(method, `${this.url}${p}`, body, { authorization: `Bearer ${key}` });
  }

  async gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<{ data: T; errors?: unknown }>('POST', '/graphql', { query, variables });
    if (res.status !== 200 || res.body.errors) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  /** The golden record a source record is linked to (GraphQL goldenRecordBySource), or null. */
  async bySource(system: string, entityType: string, externalId: string): Promise<GoldenView | null> {
    const data = await this.gql<{ goldenRecordBySource: GoldenView | null }>(
      `query($s: String!, $t: String!, $x: String!) {
         goldenRecordBySource(system: $s, entityType: $t, externalId: $x) {
           id entityType version deleted data sources { system externalId deleted } lineage { field value system rule }
         }
       }`,
      { s: system, t: entityType, x: externalId },
    );
    return data.goldenRecordBySource;
  }

  /** Pulls from a system now (POST /api/systems/{system}/refresh) and waits for the run and its events. */
  async refresh(system: string, body: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<Record<string, any>> {
    const res = await this.request('POST', `/api/systems/${system}/refresh`, body);
    if (res.status !== 202) throw new Error(`refresh ${system} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = (await this.request('GET', `/api/sync-runs/${res.body.runId}`)).body;
      if (run.status !== 'running' && run.pending === 0) return run;
      if (Date.now() > deadline) throw new Error(`sync run ${res.body.runId} still running: ${JSON.stringify(run)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface GoldenView {
  id: string;
  entityType: string;
  version: number;
  deleted: boolean;
  data: Record<string, any>;
  sources: { system: string; externalId: string; deleted: boolean }[];
  lineage: { field: string; value: unknown; system: string | null; rule: string | null }[];
}

export interface DemoTestStack {
  stack: DemoStack;
  hub: HubClient;
  A: DemoSystemClient;
  B: DemoSystemClient;
  /** System C's table, edited as the warehouse staff would (plain SQL) */
  C: Warehouse;
  /** a direct connection to the hub's database, for assertions on inbox and outbox only */
  sql: pg.Pool;
  adminKey: string;
  waitForIdle(opts?: { timeoutMs?: number; settleMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

const ADMIN_KEY = 'demo-e2e-admin-key-0123456789abcdef';

/**
 * Starts the real demo (examples/demo/demo-stack.ts with examples/hub.config.yaml) on a fresh database of the
 * run's PostgreSQL server; System C gets its own database named `systemCDatabase` (unique per test file).
 */
export async function startDemoTestStack(systemCDatabase: string): Promise<DemoTestStack> {
  const db: TestDatabase = await createTestDatabase('hub_demo');
  const [hubPort, systemAPort, systemBPort] = await distinctFreePorts(3);
  let stack: DemoStack;
  try {
    stack = await startDemoStack({
      hubPort, systemAPort, systemBPort,
      databaseUrl: db.url,
      dataDir: path.join(os.tmpdir(), `hub-demo-${db.name}`),
      adminApiKey: ADMIN_KEY,
      systemCDatabase,
      log: () => undefined,
      env: { HUB_WORKER_IDLE_MS: '20' },
    });
  } catch (err) {
    await db.drop();
    throw err;
  }
  const sql = new pg.Pool({ connectionString: db.url, max: 3 });
  const A = new DemoSystemClient('A', stack.a.url);
  const B = new DemoSystemClient('B', stack.b.url);
  const probe: IdleProbe = { sql, webhooksPending: async () => (await A.webhooksPending()) + (await B.webhooksPending()) };
  return {
    stack, sql, A, B, C: stack.c, adminKey: ADMIN_KEY,
    hub: new HubClient(stack.hubUrl, ADMIN_KEY),
    waitForIdle: (opts) => waitForIdle(probe, opts),
    stop: async () => {
      await stack.stop();
      await sql.end();
      await db.drop();
      await dropSystemC(inject('adminDatabaseUrl'), { database: systemCDatabase });
    },
  };
}

/**
 * Port 0 cannot be used: A and B need the hub's URL before the hub listens, so every port is chosen first.
 * Random high ports, each confirmed free by binding it once.
 */
async function distinctFreePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < n) {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    if (!ports.includes(port) && (await isFree(port))) ports.push(port);
  }
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
