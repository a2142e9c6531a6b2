import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The built hub (`dist/src/main.js`, what `npm start` runs) as a child process, so its event loop, CPU and
 * memory are its own: the benchmarks that run with workers on drive it from the parent process.
 */

export const DELIVERY_CONFIG_PATH = path.resolve(__dirname, '../../bench/delivery-config.yaml');
const MAIN = path.resolve(__dirname, '../src/main.js');
export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

export interface HubChild {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  output(): string;
  /** SIGTERM (the hub drains its workers), SIGKILL after 30 s */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `nodeArgs` (default: BENCH_HUB_NODE_ARGS, space-separated): e.g. `--cpu-prof` or `--max-old-space-size=128`. */
export async function spawnHubChild(
  databaseUrl: string,
  env: Record<string, string> = {},
  nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean),
): Promise<HubChild> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env, LOG_LEVEL: 'warn', HUB_ADMIN_API_KEY: ADMIN_KEY, HUB_WORKERS: 'on', HUB_CONFIG: DELIVERY_CONFIG_PATH,
      ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Keep only the tail: a hub logging a warning per delivery must not grow this process.
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const hub: HubChild = {
    child,
    pid: child.pid!,
    baseUrl,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
  // A machine shared with other work can take over a minute to start the hub.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).status === 200) return hub;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`hub did not become healthy:\n${out}`);
}

/** The process's resident set size in bytes (Linux), or undefined once it has exited. */
export function rssBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS at a fixed interval until stopped. */
export function sampleRss(pid: number, everyMs = 500): { samples: { t: number; rss: number }[]; stop(): void } {
  const samples: { t: number; rss: number }[] = [];
  const take = () => {
    const rss = rssBytes(pid);
    if (rss !== undefined) samples.push({ t: performance.now(), rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
