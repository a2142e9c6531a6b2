import { describe, expect, it } from 'vitest';
import type { Actor } from '../../admin/auth/actor';
import { resolveEntityTypes } from '../../catalog/entity-type.resolver';
import type { HubConfigService } from '../../config/hub-config.service';
import type { GoldenReadRepository } from './golden-read.repository';
import type { GoldenVersionRow, SourceRefRow } from './golden-read.types';
import { GoldenRecordQueryService } from './golden-record-query.service';

const viewer: Actor = { kind: 'api-key', id: 'v', name: 'v', role: 'viewer' };
const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];

function version(goldenId: string, n: number): GoldenVersionRow {
  return { golden_id: goldenId, version: n, deleted: false, data: { email: 'a@b.c', ssn: `ssn-${n}` }, diff: [], cause: { kind: 'event' }, created_at: new Date() };
}

/** A repository fake that counts calls: the point is how many queries the service issues, not SQL. */
function setup() {
  const calls = { versionsOf: [] as string[][], sourcesOf: [] as string[][] };
  const repo = {
    versionsOf: async (keys: string[], afterVersion: number, limit: number) => {
      calls.versionsOf.push(keys);
      const all = [1, 2, 3].filter((n) => n > afterVersion).slice(0, limit);
      return new Map(keys.map((k) => [k, all.map((n) => version(k, n))]));
    },
    sourcesOf: async (keys: string[]) => {
      calls.sourcesOf.push(keys);
      return new Map<string, SourceRefRow[]>();
    },
  } as unknown as GoldenReadRepository;
  const entityTypes = resolveEntityTypes({ entities: {}, systems: {} });
  const config = { current: () => ({ version: 0, raw: {}, config: { entities: {}, systems: {} }, entityTypes }) } as unknown as HubConfigService;
  return { service: new GoldenRecordQueryService(repo, config), calls };
}

describe('GoldenRecordQueryService batching', () => {
  it('answers sibling reads within one scope with one query per kind, and caches them', async () => {
    const { service, calls } = setup();
    const scope = {};
    const results = await Promise.all(ids.map((id) => service.versions({ id, entityType: 'contact' }, viewer, { first: 2 }, scope)));
    expect(calls.versionsOf).toEqual([ids]);
    expect(results.map((r) => r.items.map((v) => v.version))).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(results.every((r) => r.hasNextPage)).toBe(true);
    expect(results[0].items[0].data).toEqual({ email: 'a@b.c', ssn: '***' });

    await service.versions({ id: ids[0], entityType: 'contact' }, viewer, { first: 2 }, scope);
    expect(calls.versionsOf).toHaveLength(1);
    await Promise.all(ids.map((id) => service.sources({ id, entityType: 'contact' }, viewer, scope)));
    expect(calls.sourcesOf).toEqual([ids]);
  });

  it('does not share results between scopes (requests), nor between different pages', async () => {
    const { service, calls } = setup();
    await service.versions({ id: ids[0], entityType: 'contact' }, viewer, {}, {});
    await service.versions({ id: ids[0], entityType: 'contact' }, viewer, {}, {});
    await service.versions({ id: ids[0], entityType: 'contact' }, viewer);
    expect(calls.versionsOf).toHaveLength(3);
    const scope = {};
    const first = await service.versions({ id: ids[0], entityType: 'contact' }, viewer, { first: 2 }, scope);
    const second = await service.versions({ id: ids[0], entityType: 'contact' }, viewer, { first: 2, after: first.endCursor }, scope);
    expect(second.items.map((v) => v.version)).toEqual([3]);
    expect(second.hasNextPage).toBe(false);
    expect(calls.versionsOf).toHaveLength(5);
  });
});
