import { compare } from 'fast-json-patch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, ADA_V, BULK, BULK_DELETED, INV, seedGoldenRead, T } from './golden-read.seed';
import { startTestHub, type TestHub } from './support/test-hub';

describe('golden record reads over REST', () => {
  let hub: TestHub;
  const get = (path: string, query: Record<string, unknown> = {}) => hub.http.get(path).query(query).set(hub.auth);
  const expectError = async (p: Promise<{ status: number; body: any }>, status: number, code: string) => {
    const res = await p;
    expect([res.status, res.body.error?.code], JSON.stringify(res.body)).toEqual([status, code]);
    return res;
  };

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    await seedGoldenRead(hub.sql);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('lists records with cursor paging, no duplicates or gaps', async () => {
    const expected = (await hub.sql.query(`SELECT id FROM golden_record WHERE entity_type = 'contact' AND NOT deleted ORDER BY id`)).rows.map((r) => r.id);
    const ids: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await get('/api/golden-records/contact', { first: 10, ...(after ? { after } : {}) });
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((g: { id: string }) => g.id));
      if (!res.body.pageInfo.hasNextPage) break;
      after = res.body.pageInfo.endCursor;
    }
    expect(ids).toEqual(expected);
    expect(ids).toHaveLength(BULK);
  });

  it('filters with ?filter=<json> and includes tombstones on request', async () => {
    const fr = await get('/api/golden-records/contact', { filter: JSON.stringify({ address: { country: 'FR' } }), first: 100 });
    expect(fr.status).toBe(200);
    const sqlFr = (await hub.sql.query(`SELECT id FROM golden_record WHERE data->'address'->>'country' = 'FR' AND NOT deleted ORDER BY id`)).rows.map((r) => r.id);
    expect(fr.body.items.map((g: { id: string }) => g.id)).toEqual(sqlFr);

    const deleted = { email: BULK_DELETED };
    expect((await get('/api/golden-records/contact', { filter: JSON.stringify(deleted) })).body.items).toEqual([]);
    const withDeleted = await get('/api/golden-records/contact', { filter: JSON.stringify(deleted), includeDeleted: 'true' });
    expect(withDeleted.body.items).toEqual([expect.objectContaining({ deleted: true, data: expect.objectContaining(deleted) })]);
    expect((await get('/api/golden-records/contact', { filter: JSON.stringify(deleted), includeDeleted: 'false' })).body.items).toEqual([]);
  });

  it('reads one record with lineage and sources', async () => {
    const res = await get(`/api/golden-records/contact/${ADA}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ADA, entityType: 'contact', version: 3, deleted: false, data: ADA_V[2], createdAt: T.v1, updatedAt: T.v3 });
    expect(res.body.lineage).toContainEqual({ field: 'email', value: 'ada@example.com', system: 'A', rule: 'merge', updatedAt: T.v1, sourceAt: null });
    expect(res.body.sources.map((s: { system: string; externalId: string }) => [s.system, s.externalId])).toEqual([['A', 'a-1'], ['B', 'b-1']]);
  });

  it('finds a record by a source system and its id, as GraphQL goldenRecordBySource does', async () => {
    const res = await get('/api/golden-records/contact/by-source/B/b-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ADA, entityType: 'contact', version: 3 });
    expect(res.body.sources).toContainEqual(expect.objectContaining({ system: 'B', externalId: 'b-1' }));
    await expectError(get('/api/golden-records/contact/by-source/B/nope'), 404, 'GOLDEN_RECORD_NOT_FOUND');
    await expectError(get('/api/golden-records/order/by-source/B/b-1'), 404, 'GOLDEN_RECORD_NOT_FOUND');
    await expectError(get('/api/golden-records/planet/by-source/B/b-1'), 404, 'ENTITY_TYPE_UNKNOWN');
  });

  it('reads versions, one version, the version in force at a time, and diffs', async () => {
    const versions = await get(`/api/golden-records/contact/${ADA}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(versions.body.pageInfo.hasNextPage).toBe(false);
    expect(versions.body.items[2]).toMatchObject({ version: 3, at: T.v3, data: ADA_V[2], changes: compare(ADA_V[1], ADA_V[2]), cause: { kind: 'steward' } });

    const v2 = await get(`/api/golden-records/contact/${ADA}/versions/2`);
    expect(v2.body).toMatchObject({ version: 2, at: T.v2, data: ADA_V[1] });

    const asOf = await get(`/api/golden-records/contact/${ADA}/as-of`, { at: '2026-01-02T23:00:00+02:00' });
    expect(asOf.body).toEqual({ version: 2, at: T.v2, deleted: false, data: ADA_V[1] });
    expect((await get(`/api/golden-records/contact/${ADA}/as-of`, { at: T.v3 })).body.version).toBe(3);

    const diff = await get(`/api/golden-records/contact/${ADA}/diff`, { from: 2, to: 3 });
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual(expect.arrayContaining(compare(ADA_V[1], ADA_V[2])));
    expect(diff.body).toHaveLength(compare(ADA_V[1], ADA_V[2]).length);
  });

  it('answers 404 GOLDEN_RECORD_NOT_FOUND for a missing id and for an id of another entity type', async () => {
    await expectError(get('/api/golden-records/contact/00000000-0000-4000-8000-00000000dead'), 404, 'GOLDEN_RECORD_NOT_FOUND');
    await expectError(get(`/api/golden-records/contact/${INV}`), 404, 'GOLDEN_RECORD_NOT_FOUND');
    await expectError(get(`/api/golden-records/contact/${INV}/versions`), 404, 'GOLDEN_RECORD_NOT_FOUND');
    await expectError(get(`/api/golden-records/inventory/${ADA}/diff`, { from: 1, to: 2 }), 404, 'GOLDEN_RECORD_NOT_FOUND');
    expect((await get(`/api/golden-records/inventory/${INV}`)).body.data).toEqual({ sku: 'SKU-1', quantity: 3 });
  });

  it('answers VERSION_NOT_FOUND, ENTITY_TYPE_UNKNOWN and validation errors', async () => {
    await expectError(get(`/api/golden-records/contact/${ADA}/versions/9`), 404, 'VERSION_NOT_FOUND');
    await expectError(get(`/api/golden-records/contact/${ADA}/diff`, { from: 1, to: 9 }), 404, 'VERSION_NOT_FOUND');
    await expectError(get(`/api/golden-records/contact/${ADA}/as-of`, { at: '2020-01-01T00:00:00Z' }), 404, 'VERSION_NOT_FOUND');
    await expectError(get('/api/golden-records/planet'), 404, 'ENTITY_TYPE_UNKNOWN');
    await expectError(get(`/api/golden-records/planet/${ADA}`), 404, 'ENTITY_TYPE_UNKNOWN');
    await expectError(get('/api/golden-records/contact/not-a-uuid'), 400, 'INVALID_ID');
    await expectError(get(`/api/golden-records/contact/${ADA}/versions/two`), 400, 'INVALID_REQUEST');
    await expectError(get('/api/golden-records/contact', { filter: '{status' }), 400, 'INVALID_FILTER');
    const unknownField = await expectError(get('/api/golden-records/contact', { filter: '{"planet":"Mars"}' }), 400, 'INVALID_FILTER');
    expect(unknownField.body.error.details[0].path).toBe('planet');
    await expectError(get('/api/golden-records/contact', { after: 'garbage' }), 400, 'INVALID_CURSOR');
    // The code GraphQL answers for the same page size.
    await expectError(get('/api/golden-records/contact', { first: 501 }), 400, 'INVALID_PAGE_SIZE');
    await expectError(get('/api/golden-records/contact', { includeDeleted: 'yes' }), 400, 'INVALID_REQUEST');
    await expectError(get(`/api/golden-records/contact/${ADA}/as-of`, { at: 'yesterday' }), 400, 'INVALID_REQUEST');
    await expectError(get(`/api/golden-records/contact/${ADA}/as-of`), 400, 'INVALID_REQUEST');
    await expectError(get(`/api/golden-records/contact/${ADA}/diff`, { from: 0, to: 1 }), 400, 'INVALID_REQUEST');
    await expectError(hub.http.get(`/api/golden-records/contact/${ADA}`), 401, 'API_KEY_MISSING');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await hub.http.get('/api/openapi.json')).body;
    for (const path of [
      '/api/golden-records/{entityType}', '/api/golden-records/{entityType}/{id}', '/api/golden-records/{entityType}/{id}/versions',
      '/api/golden-records/{entityType}/{id}/versions/{version}', '/api/golden-records/{entityType}/{id}/as-of',
      '/api/golden-records/{entityType}/{id}/diff', '/api/conflicts', '/api/conflicts/{id}',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.components.schemas.GoldenRecordDetailModel.properties).toHaveProperty('sources');
  });
});
