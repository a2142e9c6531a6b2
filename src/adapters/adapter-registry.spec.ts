import { describe, expect, it } from 'vitest';
import { systemEntitySchema, systemSchema, type SystemConfig } from '../config/hub-config.schema';
import { AdapterError } from './adapter.error';
import { AdapterRegistry } from './adapter-registry';
import type { SystemAdapter } from './adapter.types';
import { HttpAdapter } from './http/http.adapter';

const entity = systemEntitySchema.parse({ name: 'contacts' });
const http = (extra: Record<string, unknown> = {}): SystemConfig =>
  systemSchema.parse({ adapter: { type: 'http', baseUrl: 'http://127.0.0.1:9/', ...extra }, entities: {} });

/** The adapter is closed when a call fails with ADAPTER_CLOSED before any network access. */
async function isClosed(adapter: SystemAdapter): Promise<boolean> {
  const err = await adapter.get(entity, '1').then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof AdapterError && err.code === 'ADAPTER_CLOSED';
}

describe('AdapterRegistry', () => {
  it('returns one cached adapter per system', async () => {
    const registry = new AdapterRegistry();
    const a = registry.get('A', http());
    expect(a).toBeInstanceOf(HttpAdapter);
    expect(registry.get('A', http())).toBe(a);
    expect(registry.get('B', http())).not.toBe(a);
    await registry.closeAll();
  });

  it('keeps the adapter when only mappings or schedules change', async () => {
    const registry = new AdapterRegistry();
    const a = registry.get('A', http());
    const changed = { ...http(), schedule: { cron: '0 2 * * *' }, entities: { contact: systemEntitySchema.parse({ name: 'people' }) } };
    expect(registry.get('A', changed)).toBe(a);
    await registry.closeAll();
  });

  it('rebuilds the adapter when its section changes, and closes the old one', async () => {
    const registry = new AdapterRegistry();
    const old = registry.get('A', http())!;
    const rebuilt = registry.get('A', http({ timeout: '5s' }))!;
    expect(rebuilt).not.toBe(old);
    await new Promise((r) => setImmediate(r));
    expect(await isClosed(old)).toBe(true);
    expect(await isClosed(rebuilt)).toBe(false);
    await registry.closeAll();
    expect(await isClosed(rebuilt)).toBe(true);
  });

  it('answers null for a system without an adapter and drops the previous one', async () => {
    const registry = new AdapterRegistry();
    const old = registry.get('A', http())!;
    expect(registry.get('A', systemSchema.parse({}))).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(await isClosed(old)).toBe(true);
  });

  it('releases one system', async () => {
    const registry = new AdapterRegistry();
    const a = registry.get('A', http())!;
    await registry.release('A');
    expect(await isClosed(a)).toBe(true);
    expect(registry.get('A', http())).not.toBe(a);
    await registry.closeAll();
  });
});
