import stringify from 'safe-stable-stringify';
import type { SystemConfig } from '../config/hub-config.schema';
import { createAdapter } from './adapter.factory';
import type { SystemAdapter } from './adapter.types';

interface Entry {
  /** the adapter section the instance was built from, in a stable serialisation */
  key: string;
  adapter: SystemAdapter;
}

export type AdapterFactory = (system: string, config: SystemConfig) => SystemAdapter | null;

/**
 * One adapter per system, so each system keeps one connection pool and one rate limiter per process.
 * An adapter is rebuilt only when the system's `adapter` section changes (an imported configuration);
 * mappings and schedules do not affect it. The replaced adapter is closed after the calls already
 * running on it finish.
 */
export class AdapterRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly closing = new Set<Promise<void>>();

  constructor(private readonly factory: AdapterFactory = createAdapter) {}

  get(system: string, config: SystemConfig): SystemAdapter | null {
    const key = stringify(config.adapter ?? null);
    const current = this.entries.get(system);
    if (current && current.key === key) return current.adapter;
    if (current) this.retire(current.adapter);
    const adapter = this.factory(system, config);
    if (adapter) this.entries.set(system, { key, adapter });
    else this.entries.delete(system);
    return adapter;
  }

  /** Closes and forgets a system's adapter (the system was removed from the configuration). */
  async release(system: string): Promise<void> {
    const current = this.entries.get(system);
    if (!current) return;
    this.entries.delete(system);
    await current.adapter.close();
  }

  async closeAll(): Promise<void> {
    const adapters = [...this.entries.values()].map((e) => e.adapter);
    this.entries.clear();
    await Promise.allSettled([...adapters.map((a) => a.close()), ...this.closing]);
  }

  /** Nest calls this on app.close(), after every module's onModuleDestroy (workers have stopped). */
  async onApplicationShutdown(): Promise<void> {
    await this.closeAll();
  }

  private retire(adapter: SystemAdapter): void {
    // Closing is not awaited by get(): callers must not wait on a pool draining elsewhere.
    const closing = adapter.close().catch(() => undefined);
    this.closing.add(closing);
    void closing.finally(() => this.closing.delete(closing));
  }
}
