import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSystem } from './fixtures/delivery/fake-system';
import { waitFor, waitForOutboxIdle } from './fixtures/delivery/delivery-harness';
import { count, startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/rules/hub.config.yaml');

/**
 * Rule changes take effect, on the seed example: A created Ada, B (synced in a nightly window) knows her as Augusta,
 * "System A wins". Making B win firstName is reported by the dry run for exactly that record and field, and applied by
 * a recompute job: golden becomes Augusta with cause `rules`, A receives it once, B's waiting write is superseded.
 */
describe('rules API, impact dry run and recompute', () => {
  let hub: TestHub;
  let A: FakeSystem;
  let B: FakeSystem;
  let viewer: { Authorization: string };

  const send = async (system: 'A' | 'B', type: string, data: Record<string, unknown>) => {
    const { raw, headers } = signedWebhook(SECRETS[system], envelope(type, data));
    const res = await hub.http.post(`/webhooks/${system}`).set(headers).send(raw);
    expect(res.status).toBe(202);
    await waitForInboxDrained(hub.sql);
  };
  const goldenOf = async (system: string, externalId: string) => {
    const { rows } = await hub.sql.query(
      `SELECT g.id, g.version, g.data, g.lineage FROM xref x JOIN golden_record g ON g.id = x.golden_id WHERE x.system = $1 AND x.external_id = $2`,
      [system, externalId],
    );
    return rows[0] as { id: string; version: number; data: Record<string, unknown>; lineage: Record<string, { system: string; rule: string }> };
  };
  /** A contact created in A, then in B under the same e-mail with B's own values: B's lose to A (A wins). */
  const contact = async (email: string, a: Record<string, unknown>, b: Record<string, unknown>) => {
    const aId = A.put({ email, ...a });
    await send('A', 'contacts.created', A.records.get(aId)!);
    const bId = B.put({ email_address: email, ...b });
    await send('B', 'customers.created', B.records.get(bId)!);
    return { aId, bId, golden: await goldenOf('A', aId) };
  };
  const waitForJob = (id: string) =>
    waitFor(`job ${id} to finish`, async () => {
      const res = await hub.http.get(`/api/jobs/${id}`).set(viewer);
      return ['succeeded', 'failed', 'cancelled'].includes(res.body.status) && res.body;
    }, 30_000);
  /** A record's conflicts on a field, through the conflicts API (oldest first). */
  const conflictsOf = async (goldenId: string, field: string) => {
    const res = await hub.http.get('/api/conflicts?first=500').set(hub.auth);
    expect(res.status).toBe(200);
    return (res.body.items as { goldenRecordId: string; field: string; status: string; rule: string; winner: string | null; resolvedBy: string | null }[])
      .filter((c) => c.goldenRecordId === goldenId && c.field === field).reverse();
  };
  const graphql = async (query: string) => (await hub.http.post('/graphql').set(hub.auth).send({ query })).body;
  const rulesVersions = async () => {
    const { rows } = await hub.sql.query(`SELECT golden_id, version, cause FROM golden_version WHERE cause->>'kind' = 'rules' ORDER BY golden_id, version`);
    return rows as { golden_id: string; version: number; cause: Record<string, unknown> }[];
  };

  beforeAll(async () => {
    A = await new FakeSystem('contacts', 'id', 'a').start();
    B = await new FakeSystem('customers', 'customer_id', 'b').start();
    Object.assign(process.env, { RULES_TARGET_A_URL: A.url, RULES_TARGET_B_URL: B.url });
    hub = await startTestHub({ HUB_CONFIG: CONFIG, HUB_JOB_LEASE_MS: '2000' });
    const key = await hub.http.post('/api/api-keys').set(hub.auth).send({ name: 'rules-viewer', role: 'viewer' });
    viewer = { Authorization: `Bearer ${key.body.key}` };
  });
  afterAll(async () => {
    await hub?.close();
    await Promise.all([A?.stop(), B?.stop()]);
  });

  it('GET shows the rules with the configuration version as ETag, to viewers too', async () => {
    const res = await hub.http.get('/api/entity-types/contact/rules').set(viewer);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      entityType: 'contact', precedence: ['A', 'B'], fieldPrecedence: {}, strategy: 'merge', fieldStrategies: { lastName: 'manual' },
      configVersion: 1, effective: { precedence: ['A', 'B'], fieldPrecedence: {} },
    });
    expect((await hub.http.get('/api/entity-types/nope/rules').set(viewer)).body.error.code).toBe('ENTITY_TYPE_UNKNOWN');
    expect((await hub.http.put('/api/entity-types/contact/rules').set(viewer).send({ strategy: 'latest' })).status).toBe(403);
  });

  it('the seed example: the dry run reports exactly the record that changes; applying it recomputes, fans out to A once, supersedes B\'s write', async () => {
    const ada = await contact('ada@example.com', { firstName: 'Ada' }, { first_name: 'Augusta' });
    // B agrees on the name: nothing to re-decide
    const grace = await contact('grace@example.com', { firstName: 'Grace' }, { first_name: 'Grace' });
    expect(ada.golden.data.firstName).toBe('Ada');
    expect(ada.golden.lineage.firstName.system).toBe('A');
    await waitForOutboxIdle(hub);
    expect(A.writes()).toEqual([]);
    // B's correction (Ada) waits for its window
    const { rows: waiting } = await hub.sql.query(`SELECT golden_id, status, canonical FROM outbox WHERE system = 'B' AND status = 'pending'`);
    expect(waiting.find((r) => r.golden_id === ada.golden.id)?.canonical).toMatchObject({ firstName: 'Ada' });

    const change = { fieldPrecedence: { firstName: ['B', 'A'] } };
    const dry = await hub.http.put('/api/entity-types/contact/rules?dryRun=true').set(hub.auth).send(change);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true, valid: true, entityType: 'contact', configVersion: 1,
      changes: [{ op: 'add', path: 'entities.contact.fieldPrecedence' }],
      impact: {
        rulesChanged: ['firstName'], records: 1, fields: { firstName: 1 },
        sample: [{ goldenId: ada.golden.id, field: 'firstName', from: 'Ada', to: 'Augusta', winnerBefore: 'A', winnerAfter: 'B' }],
      },
    });
    expect(await count(hub.sql, 'hub_config')).toBe(1);
    expect(await count(hub.sql, 'job')).toBe(0);

    const applied = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).set('If-Match', '"1"').send(change);
    expect(applied.status).toBe(200);
    expect(applied.headers.etag).toBe('"2"');
    expect(applied.body).toMatchObject({
      entityType: 'contact', configVersion: 2, applied: true, fieldPrecedence: { firstName: ['B', 'A'] }, precedence: ['A', 'B'],
      changes: [{ op: 'add', path: 'entities.contact.fieldPrecedence' }], jobs: [{ kind: 'recompute', key: 'contact', id: expect.any(String) }],
    });
    const { rows: audit } = await hub.sql.query(`SELECT actor, target, before, after FROM audit_log WHERE action = 'rules.replace'`);
    expect(audit).toEqual([{
      actor: 'key:bootstrap-admin', target: 'entity-type:contact', before: { version: 1 },
      after: { version: 2, changes: applied.body.changes, entityType: 'contact', rules: change, jobs: applied.body.jobs },
    }]);
    const job = await waitForJob(applied.body.jobs[0].id);
    expect(job).toMatchObject({
      kind: 'recompute', status: 'succeeded', processed: 2, total: 2, changed: 1, progress: 1, configVersion: 2, lastError: null,
      params: { entityType: 'contact', fields: ['firstName'] }, createdBy: 'key:bootstrap-admin',
    });
    expect(job.startedAt).toEqual(expect.any(String));
    expect(job.finishedAt).toEqual(expect.any(String));

    // exactly the records the dry run reported got one `rules` version
    const versions = await rulesVersions();
    expect(versions.map((v) => v.golden_id)).toEqual(dry.body.impact.sample.map((s: { goldenId: string }) => s.goldenId));
    expect(versions[0].cause).toEqual({
      kind: 'rules', configVersion: 2, jobId: job.id,
      decisions: [{ field: 'firstName', rule: 'merge:precedence', outcome: 'set', system: 'B', previous: 'Ada', value: 'Augusta' }],
    });
    const after = await goldenOf('A', ada.aId);
    expect(after.data.firstName).toBe('Augusta');
    expect(after.version).toBe(ada.golden.version + 1);
    expect(after.lineage.firstName).toMatchObject({ system: 'B', rule: 'merge:precedence' });
    expect((await goldenOf('A', grace.aId)).version).toBe(grace.golden.version);

    // the old automatic decision is superseded; the new one is recorded
    const conflicts = await conflictsOf(ada.golden.id, 'firstName');
    expect(conflicts.filter((c) => c.status === 'superseded')).toEqual([expect.objectContaining({ winner: 'A', winningValue: 'Ada', resolvedBy: `job:${job.id}` })]);
    expect(conflicts.filter((c) => c.status === 'auto_resolved')).toEqual([expect.objectContaining({ winner: 'B', winningValue: 'Augusta', goldenVersion: after.version })]);

    // A receives the new value exactly once; B's waiting write is superseded: its window sends nothing
    await waitForOutboxIdle(hub);
    expect(A.writes().map((w) => [w.method, w.path, w.body?.firstName])).toEqual([['PUT', `/contacts/${ada.aId}`, 'Augusta']]);
    const flush = await hub.http.post('/api/deliveries/flush').set(hub.auth).send({ system: 'B' });
    expect(flush.status).toBe(200);
    await waitForOutboxIdle(hub);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(B.writes().filter((w) => w.body?.email_address === 'ada@example.com')).toEqual([]);
    expect(A.writes()).toHaveLength(1);
    // B holds Augusta and is in sync with it: its merge base moved, so a re-send is no edit
    const { rows: [bSource] } = await hub.sql.query(`SELECT data, synced FROM source_record WHERE system = 'B' AND external_id = $1`, [ada.bId]);
    expect(bSource.synced.firstName).toBe('Augusta');
  });

  it('a stale If-Match (or expectedVersion) answers 412 and stores nothing, on both PUTs and in GraphQL', async () => {
    const before = await count(hub.sql, 'hub_config');
    const current = (await hub.http.get('/api/entity-types/contact/rules').set(hub.auth)).body.configVersion as number;
    const stale = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).set('If-Match', 'W/"1"').send({ strategy: 'latest' });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({
      code: 'CONFIG_VERSION_MISMATCH',
      details: [{ path: 'expectedVersion', value: 1, message: expect.any(String) }, { path: 'currentVersion', value: current, message: expect.any(String) }],
    });
    expect((await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ strategy: 'latest', expectedVersion: 1 })).status).toBe(412);
    const doc = (await hub.http.get('/api/config').set(hub.auth)).body;
    expect((await hub.http.put('/api/config').set(hub.auth).set('If-Match', '"1"').send(doc)).status).toBe(412);
    expect((await hub.http.put('/api/config?expectedVersion=1').set(hub.auth).send({ ...doc, entities: {} })).status).toBe(412);
    expect((await hub.http.put('/api/config?expectedVersion=1&dryRun=true').set(hub.auth).send(doc)).status).toBe(412);
    const viaGraphql = await graphql(`mutation { setEntityTypeRules(entityType: "contact", rules: { strategy: latest }, expectedVersion: 1) { applied } }`);
    expect(viaGraphql.errors?.[0]?.extensions).toMatchObject({ code: 'CONFIG_VERSION_MISMATCH', kind: 'precondition_failed' });
    expect(await count(hub.sql, 'hub_config')).toBe(before);
    // the current version goes through
    const ok = await hub.http.put('/api/config').set(hub.auth).set('If-Match', `"${current}"`).send(doc);
    expect(ok.body).toEqual({ applied: false, version: current, changes: [], jobs: [] });
  });

  it('names the offending field of a rules change: an undeclared system, an unknown field', async () => {
    const res = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth)
      .send({ precedence: ['A', 'X'], fieldPrecedence: { nickname: ['A'] }, fieldStrategies: { shoeSize: 'manual' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('RULES_INVALID');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'fieldStrategies.shoeSize', message: expect.stringContaining('unknown field "shoeSize"') })]);
    const systems = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ precedence: ['A', 'X'], fieldPrecedence: { nickname: ['A'] } });
    expect(systems.body.error.details).toEqual([
      { path: 'fieldPrecedence.nickname', message: expect.stringContaining('unknown field "nickname"') },
      { path: 'precedence.1', message: expect.stringContaining('unknown system "X"') },
    ]);
    const strategy = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ strategy: 'loudest' });
    expect(strategy.status).toBe(400);
    expect(strategy.body.error.details[0].path).toBe('strategy');
  });

  it('a pinned field keeps its pin through a recompute; the other fields are re-decided', async () => {
    const c = await contact('pin@example.com', { firstName: 'Pinned', phone: '+442079460001' }, { first_name: 'Other', phone_number: '+442079460002' });
    expect(c.golden.data.phone).toBe('+442079460001');
    const pin = await hub.http.post(`/api/golden-records/contact/${c.golden.id}/override`).set(hub.auth).send({ field: 'firstName', value: 'Steward Choice' });
    expect(pin.status).toBe(200);
    const pinned = await goldenOf('A', c.aId);
    const versionsBefore = (await rulesVersions()).length;

    // firstName is re-decided too ([B, A] → [A, B]); without the pin B's unreconciled "Other" would beat the steward
    const res = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ precedence: ['B', 'A'], fieldPrecedence: { firstName: ['A', 'B'] } });
    expect(res.status).toBe(200);
    const job = await waitForJob(res.body.jobs[0].id);
    expect(job.status).toBe('succeeded');
    expect(job.params.fields).toEqual(expect.arrayContaining(['firstName', 'phone']));
    const after = await goldenOf('A', c.aId);
    expect(after.data.firstName).toBe('Steward Choice');
    expect(after.lineage.firstName.rule).toBe('override');
    expect(after.data.phone).toBe('+442079460002');
    expect(after.version).toBe(pinned.version + 1);
    const versions = await rulesVersions();
    expect(versions.length).toBe(versionsBefore + 1);
    expect((versions.find((v) => v.golden_id === c.golden.id)!.cause.decisions as { field: string }[]).map((d) => d.field)).toEqual(['phone']);
  });

  it('a field that becomes manual raises open conflicts without a version; one that stops being manual supersedes them', async () => {
    const c = await contact('turing@example.com', { firstName: 'Alan', lastName: 'Turing' }, { first_name: 'Alan', last_name: 'Mathison-Turing' });
    const openOf = () => conflictsOf(c.golden.id, 'lastName');
    // the pipeline held B's lastName for a steward (manual)
    expect((await openOf()).map((x) => x.status)).toEqual(['open']);
    const version = (await goldenOf('A', c.aId)).version;

    const rules = (await hub.http.get('/api/entity-types/contact/rules').set(hub.auth)).body;
    const res = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).set('If-Match', String(rules.configVersion))
      .send({ ...rules, precedence: ['B', 'A'], fieldStrategies: {} });
    expect(res.status).toBe(200);
    expect(res.body.fieldStrategies).toEqual({});
    const job = await waitForJob(res.body.jobs[0].id);
    expect(job).toMatchObject({ status: 'succeeded' });
    expect(job.params.fields).toContain('lastName');
    const after = await goldenOf('A', c.aId);
    expect(after.data.lastName).toBe('Mathison-Turing');
    expect(after.version).toBe(version + 1);
    const closed = await openOf();
    expect(closed.find((x) => x.rule === 'manual')).toMatchObject({ status: 'superseded', resolvedBy: `job:${job.id}` });
    expect(closed.find((x) => x.status === 'auto_resolved')).toMatchObject({ rule: 'merge:precedence' });


    // back to A first; then a record B disagrees with (B's value lost, still waiting for its window) and firstName
    // made manual: an open conflict is raised for it, and no version
    const reset = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ precedence: ['A', 'B'], fieldPrecedence: {} });
    expect(reset.status).toBe(200);
    expect((await waitForJob(reset.body.jobs[0].id)).status).toBe('succeeded');
    const d = await contact('hopper@example.com', { firstName: 'Grace' }, { first_name: 'Amazing Grace' });
    expect(d.golden.data.firstName).toBe('Grace');
    const manual = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ fieldStrategies: { firstName: 'manual' } });
    expect(manual.body.fieldStrategies).toEqual({ firstName: 'manual' });
    const job2 = await waitForJob(manual.body.jobs[0].id);
    expect(job2).toMatchObject({ status: 'succeeded', changed: 0, params: { fields: ['firstName'] } });
    expect((await goldenOf('A', d.aId)).version).toBe(d.golden.version);
    const { rows } = await hub.sql.query(`SELECT golden_id, rule, candidates, golden_version FROM conflict WHERE field = 'firstName' AND status = 'open'`);
    expect(rows).toEqual([{
      golden_id: d.golden.id, rule: 'manual', golden_version: d.golden.version,
      candidates: [{ system: 'A', value: 'Grace', at: expect.any(String) }, { system: 'B', value: 'Amazing Grace', at: expect.any(String) }],
    }]);
  });

  it('lists jobs newest first with cursor paging (REST and GraphQL); a finished job cannot be cancelled', async () => {
    const page1 = await hub.http.get('/api/jobs?first=1').set(viewer);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.pageInfo.hasNextPage).toBe(true);
    const page2 = await hub.http.get(`/api/jobs?first=1&after=${page1.body.pageInfo.endCursor}`).set(viewer);
    expect(Number(page2.body.items[0].id)).toBeLessThan(Number(page1.body.items[0].id));
    expect((await hub.http.get('/api/jobs?after=bogus').set(viewer)).body.error.code).toBe('INVALID_CURSOR');
    expect((await hub.http.get('/api/jobs/999999').set(viewer)).status).toBe(404);
    expect((await hub.http.post(`/api/jobs/${page1.body.items[0].id}/cancel`).set(viewer)).status).toBe(403);
    const cancel = await hub.http.post(`/api/jobs/${page1.body.items[0].id}/cancel`).set(hub.auth);
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('JOB_NOT_CANCELLABLE');

    const data = await graphql(`{ jobs(first: 2) { nodes { id kind status processed total changed startedAt finishedAt lastError params } pageInfo { hasNextPage } }
      job(id: "${page1.body.items[0].id}") { id status } entityTypeRules(entityType: "contact") { precedence configVersion } }`);
    expect(data.errors).toBeUndefined();
    expect(data.data.jobs.nodes[0]).toMatchObject({ id: page1.body.items[0].id, kind: 'recompute', status: 'succeeded' });
    expect(data.data.job).toEqual({ id: page1.body.items[0].id, status: 'succeeded' });
    expect(data.data.entityTypeRules.configVersion).toBeGreaterThan(1);
  });
});
