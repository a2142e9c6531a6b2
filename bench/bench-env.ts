import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { createHubApp } from '../src/bootstrap';
import { loadAppSettings } from '../src/config/app-settings';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/** A PostgreSQL server the benchmarks create their own throw-away databases on. */
export interface BenchServer {
  label: string;
  adminUrl: string;
  version: string;
  stop(): Promise<void>;
}

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export interface BenchHub {
  app: INestApplication;
  baseUrl: string;
  close(): Promise<void>;
}

export const CONFIG_PATH = path.resolve(__dirname, '../../bench/bench-config.yaml');
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** BENCH_SERVERS=pg15,embedded (default pg15): which servers `run-all` and each script measure on. */
export function requestedServers(): string[] {
  return (process.env.BENCH_SERVERS ?? 'pg15').split(',').map((s) => s.trim()).filter(Boolean);
}

export async function openServer(kind: string): Promise<BenchServer> {
  if (kind === 'embedded') {
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-bench-'));
    const db = await startEmbeddedPostgres(dir, { info: () => undefined, warn: (m) => console.warn(m) });
    const admin = new URL(db.url);
    admin.pathname = '/postgres';
    const stop = async () => { await db.stop(); await rm(dir, { recursive: true, force: true }); };
    return { label: 'embedded', adminUrl: admin.toString(), version: await serverVersion(admin.toString()), stop };
  }
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_PG_URL;
  return { label: kind, adminUrl, version: await serverVersion(adminUrl), stop: async () => undefined };
}

async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0].v;
  } finally {
    await c.end();
  }
}

async function admin<T>(adminUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** A fresh database, optionally a copy of another (which must have no open connection). */
export async function createDatabase(adminUrl: string, template?: string): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    // BENCH_KEEP_DB=1 keeps it, to read its plans afterwards (EXPLAIN on the tables a run filled).
    drop: () => (process.env.BENCH_KEEP_DB === '1'
      ? Promise.resolve(console.error(`  kept database ${name}`))
      : admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined)),
  };
}

/** The production bootstrap with the bench configuration, workers off, listening on a free loopback port. */
export async function startHub(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchHub> {
  const settings = loadAppSettings({
    LOG_LEVEL: 'warn', HUB_ADMIN_API_KEY: 'bench-admin-key-0123456789abcdef', HUB_WORKERS: 'off', HUB_CONFIG: CONFIG_PATH, HUB_WORKER_BATCH_SIZE: '500', ...env, DATABASE_URL: databaseUrl,
  });
  const app = await createHubApp(settings, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export async function countRows(url: string, table: string, where = 'true'): Promise<number> {
  return admin(url, async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0].n);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Runs `run` once per server in BENCH_SERVERS, stopping each server afterwards. */
export async function onEachServer(run: (server: BenchServer) => Promise<void>): Promise<void> {
  for (const kind of requestedServers()) {
    const server = await openServer(kind);
    try {
      await run(server);
    } finally {
      await server.stop();
    }
  }
}

/** The entry point of a single benchmark script: run it on every server in BENCH_SERVERS, print its lines. */
export function runAsScript(bench: (server: BenchServer) => Promise<string[]>): void {
  onEachServer(async (server) => {
    for (const line of await bench(server)) console.log(line);
  }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
