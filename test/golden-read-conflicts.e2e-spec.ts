import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, INV, seedGoldenRead, T } from './golden-read.seed';
import { gqlAs } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';

const FIELDS = `id goldenRecordId entityType field status values winner winningValue rule goldenVersion eventId createdAt resolvedAt resolvedBy`;

describe('conflict reads (GraphQL and REST)', () => {
  let hub: TestHub;
  let adaConflicts: { firstName: string; ssn: string };
  const admin = (query: string, variables?: Record<string, unknown>) => gqlAs(hub, hub.auth, query, variables);

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    ({ adaConflicts } = await seedGoldenRead(hub.sql));
  });
  afterAll(async () => {
    await hub?.close();
  });

  const sqlOrder = async (where = 'true', params: unknown[] = []) =>
    (await hub.sql.query(`SELECT id FROM conflict WHERE ${where} ORDER BY created_at DESC, id DESC`, params)).rows.map((r) => r.id as string);

  async function pageAll(args: string, first: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof gqlAs>> = await admin(
        `query($after: String) { conflicts(${args} first: ${first}, after: $after) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const c = res.data.conflicts;
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      ids.push(...c.nodes.map((n: { id: string }) => n.id));
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 20);
    return { ids, pages };
  }

  it('lists conflicts newest first, paging without duplicates or gaps across equal timestamps', async () => {
    const expected = await sqlOrder();
    expect(expected).toHaveLength(14);
    const { ids, pages } = await pageAll('', 3);
    expect(pages).toBe(5);
    expect(ids).toEqual(expected);
  });

  it('filters by status and entity type, combined with paging', async () => {
    expect((await pageAll('status: open,', 2)).ids).toEqual(await sqlOrder(`status = 'open'`));
    expect((await pageAll('entityType: "inventory",', 2)).ids).toEqual(await sqlOrder(`entity_type = 'inventory'`));
    expect((await pageAll('status: resolved, entityType: "contact",', 2)).ids)
      .toEqual(await sqlOrder(`status = 'resolved' AND entity_type = 'contact'`));
  });

  it('returns every conflict field and leads to its golden record', async () => {
    const res = await admin(`query($id: ID!) { conflict(id: $id) { ${FIELDS} goldenRecord { id entityType version } } }`, { id: adaConflicts.firstName });
    expect(res.data.conflict).toEqual({
      id: adaConflicts.firstName, goldenRecordId: ADA, entityType: 'contact', field: 'firstName', status: 'auto_resolved',
      values: [{ system: 'A', value: 'Ada', at: T.v1 }, { system: 'B', value: 'Adah', at: T.v2 }], winner: 'B', winningValue: 'Adah',
      rule: 'merge:precedence', goldenVersion: 2, eventId: null, createdAt: T.v2, resolvedAt: null, resolvedBy: null,
      goldenRecord: { id: ADA, entityType: 'contact', version: 3 },
    });
    const list = await admin(`{ conflicts(entityType: "inventory") { nodes { goldenRecord { id } } } }`);
    expect(list.data.conflicts.nodes).toEqual([{ goldenRecord: { id: INV } }]);
    expect((await admin(`{ conflict(id: "00000000-0000-4000-8000-00000000dead") { id } }`)).data.conflict).toBeNull();
  });

  it('answers error codes for bad arguments', async () => {
    const code = async (q: string) => (await admin(q)).errors?.[0]?.extensions?.code;
    expect(await code(`{ conflicts(status: closed) { nodes { id } } }`)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await code(`{ conflicts(entityType: "planet") { nodes { id } } }`)).toBe('ENTITY_TYPE_UNKNOWN');
    expect(await code(`{ conflicts(after: "bm9wZQ") { nodes { id } } }`)).toBe('INVALID_CURSOR');
    const goldenCursor = (await admin(`{ goldenRecords(entityType: "contact", first: 1) { pageInfo { endCursor } } }`)).data.goldenRecords.pageInfo.endCursor;
    expect(await code(`{ conflicts(after: "${goldenCursor}") { nodes { id } } }`)).toBe('INVALID_CURSOR');
    expect(await code(`{ conflicts(first: 0) { nodes { id } } }`)).toBe('INVALID_PAGE_SIZE');
    expect(await code(`{ conflict(id: "x") { id } }`)).toBe('INVALID_ID');
  });

  it('mirrors the list and the detail over REST', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await hub.http.get('/api/conflicts').query({ status: 'open', first: 2, ...(after ? { after } : {}) }).set(hub.auth);
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((c: { id: string }) => c.id));
      if (!res.body.pageInfo.hasNextPage) break;
      after = res.body.pageInfo.endCursor;
    }
    expect(ids).toEqual(await sqlOrder(`status = 'open'`));

    const one = await hub.http.get(`/api/conflicts/${adaConflicts.ssn}`).set(hub.auth);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: adaConflicts.ssn, goldenRecordId: ADA, field: 'ssn', status: 'open', rule: 'manual', winner: null });
    const inv = await hub.http.get('/api/conflicts').query({ entityType: 'inventory' }).set(hub.auth);
    expect(inv.body.items.map((c: { goldenRecordId: string }) => c.goldenRecordId)).toEqual([INV]);
  });

  it('answers REST errors with codes', async () => {
    const get = (path: string, query: Record<string, unknown> = {}) => hub.http.get(path).query(query).set(hub.auth);
    const missing = await get('/api/conflicts/00000000-0000-4000-8000-00000000dead');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'CONFLICT_NOT_FOUND']);
    const badId = await get('/api/conflicts/nope');
    expect([badId.status, badId.body.error.code]).toEqual([400, 'INVALID_ID']);
    const badStatus = await get('/api/conflicts', { status: 'closed' });
    expect([badStatus.status, badStatus.body.error.code, badStatus.body.error.details[0].path]).toEqual([400, 'INVALID_REQUEST', 'status']);
    const badFirst = await get('/api/conflicts', { first: 0 });
    expect([badFirst.status, badFirst.body.error.code]).toEqual([400, 'INVALID_PAGE_SIZE']);
    const badCursor = await get('/api/conflicts', { after: 'garbage' });
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
    const badType = await get('/api/conflicts', { entityType: 'planet' });
    expect([badType.status, badType.body.error.code]).toEqual([404, 'ENTITY_TYPE_UNKNOWN']);
    expect((await hub.http.get('/api/conflicts')).status).toBe(401);
  });
});
