import { readdirSync, readFileSync } from 'node:fs';
import { fmt } from './bench-env';

/**
 * CPU time spent by the hub, by PostgreSQL and by this benchmark process over one phase, read from /proc (Linux).
 * Throughput on a shared two-core VM moves by 20–30 % between runs of the same build; the CPU each part spends per
 * change moves far less, so A/B comparisons read it beside the rate. PostgreSQL is every `postgres` process on the
 * machine (backends, WAL writer, autovacuum…): the benchmarks are the only load on the server while they run.
 */
export interface CpuSnapshot {
  hub: number;
  postgres: number;
  bench: number;
  /** child processes of this one that have exited and been waited for (a load generator run in a child) */
  children: number;
}

const TICK_MS = 10; // USER_HZ is 100 on every Linux build node runs on

function processTicks(pid: string): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line; here indexes 11 and 12 after "pid (comm) ".
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // exited between readdir and read
  }
}

export function cpuSnapshot(hubPids: number[]): CpuSnapshot | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  let postgres = 0;
  for (const pid of pids) {
    const p = processTicks(pid);
    if (p?.comm === 'postgres') postgres += p.ticks;
  }
  const hub = hubPids.reduce((sum, pid) => sum + (processTicks(String(pid))?.ticks ?? 0), 0);
  const self = process.cpuUsage();
  return { hub: hub * TICK_MS, postgres: postgres * TICK_MS, bench: (self.user + self.system) / 1000, children: childTicks() * TICK_MS };
}

/** cutime + cstime of this process: fields 16 and 17 of /proc/self/stat. */
function childTicks(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[13]) + Number(fields[14]);
  } catch {
    return 0;
  }
}

/** "CPU per change: hub 0.61 ms, PostgreSQL 0.52 ms, bench 0.12 ms", or '' where /proc is not readable. */
export function cpuPerUnit(from: CpuSnapshot | undefined, to: CpuSnapshot | undefined, units: number, unit = 'change'): string {
  if (!from || !to || units <= 0) return '';
  const per = (k: keyof CpuSnapshot) => fmt((to[k] - from[k]) / units, 3);
  return `CPU per ${unit}: hub ${per('hub')} ms, PostgreSQL ${per('postgres')} ms, bench process ${per('bench')} ms`;
}

/**
 * For a benchmark that serves from its own process and loads it from a child (ingest-webhooks, http-ceiling):
 * "CPU per request: server 0.21 ms, PostgreSQL 0.05 ms, load generator 0.04 ms". The child must have exited.
 */
export function cpuPerRequestInProcess(from: CpuSnapshot | undefined, to: CpuSnapshot | undefined, units: number): string {
  if (!from || !to || units <= 0) return '';
  const per = (k: keyof CpuSnapshot) => fmt((to[k] - from[k]) / units, 3);
  return `CPU per request: server ${per('bench')} ms, PostgreSQL ${per('postgres')} ms, load generator ${per('children')} ms`;
}
