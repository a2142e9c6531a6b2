import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** What node-postgres' Pool tells about itself. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** TypeORM's postgres driver keeps its pg Pool as `master`; undefined before the data source is initialised. */
export function poolOf(dataSource: DataSource): PoolStats | undefined {
  return (dataSource.driver as unknown as { master?: PoolStats }).master;
}

/**
 * Pool usage read at scrape time from the pool itself (no query): connections in use, idle, the maximum, and callers
 * waiting for one. Waiting callers above zero for long mean the pool, not the database, is the bottleneck.
 */
export function registerPoolGauges(registry: Registry, pool: () => PoolStats | undefined): void {
  new Gauge({
    name: 'hub_db_pool_connections',
    help: 'Database pool connections of this process, by state (in_use, idle, max)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect(this: Gauge<'state'>) {
      const p = pool();
      if (!p) return;
      this.set({ state: 'in_use' }, p.totalCount - p.idleCount);
      this.set({ state: 'idle' }, p.idleCount);
      if (p.options?.max !== undefined) this.set({ state: 'max' }, p.options.max);
    },
  });
  new Gauge({
    name: 'hub_db_pool_waiting_requests',
    help: 'Queries of this process waiting for a free database pool connection',
    registers: [registry],
    collect(this: Gauge) {
      const p = pool();
      if (p) this.set(p.waitingCount);
    },
  });
}
