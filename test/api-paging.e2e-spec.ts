import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/test-hub';

/**
 * One paging contract on every list (docs/api-paging.md): REST `first`/`after` → `{ items, pageInfo }`, GraphQL the same
 * arguments → a connection. For each list, both transports are paged to the end in small pages and must give exactly the
 * database's order: no duplicate, no gap, newest-first lists by their numeric id (not its text: 9 before 35).
 */
const N = 37;
const PAGE = 5;
/** one shared instant, so lists ordered by time must break ties by id */
const SAME_TIME = '2026-03-01T10:00:00.123456Z';

interface ListCase {
  name: string;
  rest: string;
  /** the GraphQL selection reaching the connection, with `$ARGS` where first/after go */
  gql: string;
  /** path from `data` to the connection */
  path: string[];
  /** an item's key (the same in REST and GraphQL), and the GraphQL fields it needs (default: id) */
  key: (item: any) => string;
  fields?: string;
  /** the expected keys, from SQL */
  expected: () => Promise<string[]>;
}

describe('one paging contract on every list', () => {
  let hub: TestHub;
  let goldenIds: string[];
  const sql = async (q: string, params: unknown[] = []) => (await hub.sql.query(q, params)).rows;
  const keys = async (q: string, params: unknown[] = []) => (await sql(q, params)).map((r) => String(r.k));

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    goldenIds = Array.from({ length: N }, () => randomUUID());
    await sql(
      `INSERT INTO golden_record (id, entity_type, version, data) SELECT unnest($1::uuid[]), 'contact', 1, '{}'`,
      [goldenIds],
    );
    const g = goldenIds[0];
    await sql(
      `INSERT INTO golden_version (golden_id, version, data, diff, cause)
       SELECT $1, n, jsonb_build_object('n', n), '[]', '{"kind":"event"}' FROM generate_series(1, $2) n`,
      [g, N],
    );
    await sql(`UPDATE golden_record SET version = $2 WHERE id = $1`, [g, N]);
    await sql(
      `INSERT INTO inbox_event (system, event_id, event_type, entity_type, action, external_id, payload, origin, status)
       SELECT 'A', 'evt-' || n, 'contacts.updated', 'contact', 'upsert', 'a-' || n, '{}', 'webhook',
              CASE WHEN n % 3 = 0 THEN 'rejected' ELSE 'applied' END
         FROM generate_series(1, $1) n`,
      [N],
    );
    await sql(
      `INSERT INTO outbox (system, entity_type, golden_id, golden_version, operation, payload, canonical, payload_hash, status)
       SELECT 'B', 'contact', g, 1, 'upsert', '{}', '{}', 'h', CASE WHEN o % 3 = 0 THEN 'dead' ELSE 'delivered' END
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(g, o)`,
      [goldenIds],
    );
    await sql(
      `INSERT INTO delivery_ledger (system, entity_type, golden_id)
       SELECT s, 'contact', g FROM unnest($1::uuid[]) g CROSS JOIN (VALUES ('A'), ('B')) AS v(s)`,
      [goldenIds],
    );
    await sql(
      `INSERT INTO conflict (id, golden_id, entity_type, field, status, rule, candidates, created_at)
       SELECT gen_random_uuid(), $1, 'contact', 'f' || n, CASE WHEN n % 2 = 0 THEN 'open' ELSE 'auto_resolved' END, 'merge', '[]',
              CASE WHEN n % 5 = 0 THEN $3::timestamptz ELSE $3::timestamptz + n * interval '1 second' END
         FROM generate_series(1, $2) n`,
      [g, N, SAME_TIME],
    );
    await sql(
      `INSERT INTO sync_run (id, system, kind, trigger, status, started_at, changed, rejected)
       SELECT gen_random_uuid(), 'C', 'poll', 'schedule', 'succeeded',
              CASE WHEN n % 5 = 0 THEN $2::timestamptz ELSE $2::timestamptz + n * interval '1 second' END, 0, 0
         FROM generate_series(1, $1) n`,
      [N, SAME_TIME],
    );
    await sql(
      `INSERT INTO inferred_delete (id, system, entity_type, external_id, created_at)
       SELECT gen_random_uuid(), 'C', 'contact', 'c-' || n, CASE WHEN n % 5 = 0 THEN $2::timestamptz ELSE $2::timestamptz + n * interval '1 second' END
         FROM generate_series(1, $1) n`,
      [N, SAME_TIME],
    );
    await sql(
      `INSERT INTO api_key (id, name, prefix, key_hash, role, created_at)
       SELECT gen_random_uuid(), 'key-' || n, 'mdh_x', 'hash-' || n, 'viewer', CASE WHEN n % 5 = 0 THEN $2::timestamptz ELSE $2::timestamptz + n * interval '1 second' END
         FROM generate_series(1, $1) n`,
      [N, SAME_TIME],
    );
    await sql(`INSERT INTO audit_log (actor, action, target) SELECT 'key:test', 'test.action', 't-' || n FROM generate_series(1, $1) n`, [N]);
    const [doc] = await sql('SELECT document::text AS d FROM hub_config ORDER BY version DESC LIMIT 1');
    // Versions with the same document: the hub's poller finds nothing new to activate.
    await sql(`INSERT INTO hub_config (version, document, source, created_by) SELECT n, $2::json, 'api', 'test' FROM generate_series(2, $1) n`, [
      N, doc?.d ?? '{}',
    ]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const cases = (): ListCase[] => [
    {
      name: 'golden records', rest: '/api/golden-records/contact', gql: 'goldenRecords(entityType: "contact", $ARGS)', path: ['goldenRecords'],
      key: (i) => i.id, expected: () => keys(`SELECT id AS k FROM golden_record WHERE entity_type = 'contact' AND NOT deleted ORDER BY id`),
    },
    {
      name: 'versions of a golden record', rest: `/api/golden-records/contact/${goldenIds[0]}/versions`,
      gql: `goldenRecord(id: "${goldenIds[0]}") { versions($ARGS) }`, path: ['goldenRecord', 'versions'],
      key: (i) => String(i.version), fields: 'version', expected: () => keys('SELECT version AS k FROM golden_version WHERE golden_id = $1 ORDER BY version', [goldenIds[0]]),
    },
    {
      name: 'conflicts', rest: '/api/conflicts', gql: 'conflicts($ARGS)', path: ['conflicts'],
      key: (i) => i.id, expected: () => keys('SELECT id AS k FROM conflict ORDER BY created_at DESC, id DESC'),
    },
    {
      name: 'open conflicts of one record', rest: `/api/conflicts?status=open&goldenRecordId=${goldenIds[0]}`,
      gql: `conflicts(status: open, goldenRecordId: "${goldenIds[0]}", $ARGS)`, path: ['conflicts'],
      key: (i) => i.id, expected: () => keys(`SELECT id AS k FROM conflict WHERE status = 'open' AND golden_id = $1 ORDER BY created_at DESC, id DESC`, [goldenIds[0]]),
    },
    {
      name: 'events', rest: '/api/events', gql: 'events($ARGS)', path: ['events'],
      key: (i) => i.id, expected: () => keys('SELECT id AS k FROM inbox_event ORDER BY id DESC'),
    },
    {
      name: 'rejected events', rest: '/api/events?status=rejected', gql: 'events(status: rejected, $ARGS)', path: ['events'],
      key: (i) => i.id, expected: () => keys(`SELECT id AS k FROM inbox_event WHERE status = 'rejected' ORDER BY id DESC`),
    },
    {
      name: 'deliveries', rest: '/api/deliveries', gql: 'deliveries($ARGS)', path: ['deliveries'],
      key: (i) => i.id, expected: () => keys('SELECT id AS k FROM outbox ORDER BY id DESC'),
    },
    {
      name: 'dead letters', rest: '/api/deliveries?status=dead', gql: 'deliveries(status: dead, $ARGS)', path: ['deliveries'],
      key: (i) => i.id, expected: () => keys(`SELECT id AS k FROM outbox WHERE status = 'dead' ORDER BY id DESC`),
    },
    {
      name: 'delivery ledger', rest: '/api/delivery-ledger', gql: 'deliveryLedger($ARGS)', path: ['deliveryLedger'],
      key: (i) => `${i.system}/${i.goldenId}`, fields: 'system goldenId', expected: () => keys(`SELECT system || '/' || golden_id AS k FROM delivery_ledger ORDER BY system, golden_id`),
    },
    {
      name: 'sync runs', rest: '/api/sync-runs', gql: 'syncRuns($ARGS)', path: ['syncRuns'],
      key: (i) => i.id, expected: () => keys('SELECT id AS k FROM sync_run ORDER BY started_at DESC, id DESC'),
    },
    {
      name: 'inferred deletes', rest: '/api/inferred-deletes', gql: 'inferredDeletes($ARGS)', path: ['inferredDeletes'],
      key: (i) => i.id, expected: () => keys('SELECT id AS k FROM inferred_delete ORDER BY created_at DESC, id DESC'),
    },
    {
      name: 'configuration versions', rest: '/api/config/versions', gql: 'configurationVersions($ARGS)', path: ['configurationVersions'],
      key: (i) => String(i.version), fields: 'version', expected: () => keys('SELECT version AS k FROM hub_config ORDER BY version DESC'),
    },
    {
      name: 'API keys', rest: '/api/api-keys', gql: 'apiKeys($ARGS)', path: ['apiKeys'],
      key: (i) => i.id, expected: () => keys('SELECT id AS k FROM api_key ORDER BY created_at DESC, id DESC'),
    },
    {
      name: 'audit log', rest: '/api/audit-log', gql: 'auditLog($ARGS)', path: ['auditLog'],
      key: (i) => i.id, expected: () => keys('SELECT id AS k FROM audit_log ORDER BY id DESC'),
    },
  ];

  async function pageRest(c: ListCase): Promise<{ keys: string[]; pages: number }> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 1; pages <= 100; pages++) {
      const sep = c.rest.includes('?') ? '&' : '?';
      const res: { status: number; body: any } = await hub.http.get(`${c.rest}${sep}first=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`).set(hub.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['items', 'pageInfo']);
      expect(res.body.items.length).toBeLessThanOrEqual(PAGE);
      seen.push(...res.body.items.map(c.key));
      if (!res.body.pageInfo.hasNextPage) return { keys: seen, pages };
      expect(res.body.items).toHaveLength(PAGE);
      after = res.body.pageInfo.endCursor;
    }
    throw new Error(`${c.name}: more than 100 pages`);
  }

  async function pageGraphql(c: ListCase): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    const fields = `{ nodes { ${c.fields ?? 'id'} } edges { cursor } pageInfo { hasNextPage endCursor } }`;
    for (let pages = 1; pages <= 100; pages++) {
      const args: string = `first: ${PAGE}${after ? `, after: ${JSON.stringify(after)}` : ''}`;
      const selection: string = c.gql.replace('$ARGS', args);
      // a nested connection (versions) closes inside the selection: put the connection's fields before the closing brace
      const query: string = selection.endsWith('}') ? `{ ${selection.slice(0, -1)} ${fields} } }` : `{ ${selection} ${fields} }`;
      const res: { body: any } = await hub.http.post('/graphql').set(hub.auth).send({ query });
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      const connection = c.path.reduce((o, k) => o[k], res.body.data);
      seen.push(...connection.nodes.map(c.key));
      expect(connection.edges.at(-1)?.cursor ?? null).toBe(connection.pageInfo.endCursor);
      if (!connection.pageInfo.hasNextPage) return seen;
      after = connection.pageInfo.endCursor;
    }
    throw new Error(`${c.name}: more than 100 pages`);
  }

  it('covers a list of every kind the APIs have', () => {
    expect(cases().map((c) => c.name)).toHaveLength(14);
  });

  it.each([
    'golden records', 'versions of a golden record', 'conflicts', 'open conflicts of one record', 'events', 'rejected events', 'deliveries',
    'dead letters', 'delivery ledger', 'sync runs', 'inferred deletes', 'configuration versions', 'API keys', 'audit log',
  ])('%s: REST and GraphQL page through the whole list in order, with no duplicate and no gap', async (name) => {
    const c = cases().find((x) => x.name === name)!;
    const expected = await c.expected();
    expect(expected.length).toBeGreaterThan(PAGE * 2);
    const rest = await pageRest(c);
    expect(rest.keys).toEqual(expected);
    expect(rest.pages).toBe(Math.ceil(expected.length / PAGE));
    expect(await pageGraphql(c)).toEqual(expected);
  });

  it('puts the newest event and delivery first: ids compare as numbers, not as text', async () => {
    const events = (await hub.http.get('/api/events?first=5').set(hub.auth)).body.items.map((e: { id: string }) => Number(e.id));
    const maxEvent = Number((await sql('SELECT max(id) AS m FROM inbox_event'))[0].m);
    expect(events).toEqual([maxEvent, maxEvent - 1, maxEvent - 2, maxEvent - 3, maxEvent - 4]);
    const deliveries = (await hub.http.get('/api/deliveries?first=3').set(hub.auth)).body.items.map((d: { id: string }) => Number(d.id));
    const maxDelivery = Number((await sql('SELECT max(id) AS m FROM outbox'))[0].m);
    expect(deliveries).toEqual([maxDelivery, maxDelivery - 1, maxDelivery - 2]);
  });

  it('refuses the old parameters, a cursor from another list and a bad page size, with the field named', async () => {
    for (const path of ['/api/events?limit=5', '/api/deliveries?before=3', '/api/config/versions?limit=2', '/api/audit-log?before=9']) {
      const res = await hub.http.get(path).set(hub.auth);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('INVALID_REQUEST');
    }
    const events = (await hub.http.get('/api/events?first=2').set(hub.auth)).body;
    const foreign = await hub.http.get(`/api/deliveries?after=${events.pageInfo.endCursor}`).set(hub.auth);
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'INVALID_CURSOR']);
    const gql = await hub.http.post('/graphql').set(hub.auth).send({ query: `{ events(first: 0) { nodes { id } } }` });
    expect(gql.body.errors[0].extensions.code).toBe('INVALID_PAGE_SIZE');
    const tooBig = await hub.http.get('/api/audit-log?first=501').set(hub.auth);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details[0].path).toBe('first');
  });
});
