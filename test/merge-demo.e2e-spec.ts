import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTestStack, startDemoTestStack } from './support/demo-harness';
import { eventually, outboxRows, totalWrites } from './support/demo-helpers';

/**
 * Merging duplicates with the real demo systems (examples/hub.config.yaml): A (CRM) and B (ERP) both take
 * contacts out with conditional writes, so each ends up holding both records of a duplicate pair.
 */
describe('demo: merging a duplicate that both systems hold', () => {
  let s: DemoTestStack;
  beforeAll(async () => {
    s = await startDemoTestStack('sysc_merge_demo');
  });
  afterAll(async () => {
    await s?.stop();
  });

  const deadLetters = async () => (await outboxRows(s.sql, {})).filter((r) => r.status === 'dead');
  const contactsIn = async (system: 'A' | 'B', lastName: string) =>
    system === 'A' ? s.A.find('contacts', { lastName }) : s.B.find('customers', { last_name: lastName });

  it('a second "A. Lovelace" created in B and merged into the first: both systems converge, no dead letter, no 412 loop', async () => {
    const ada = await s.A.edit({
      entity: 'contacts', action: 'create',
      data: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', dob: '1815-12-10', phone: '+44 20 7946 0000' },
    });
    await eventually(async () => expect(await contactsIn('B', 'Lovelace')).toHaveLength(1), 30_000);
    const dup = await s.B.edit({
      entity: 'customers', action: 'create',
      data: { first_name: 'A.', last_name: 'Lovelace', email_address: 'a.lovelace@example.org', birth_date: '10/12/1815', phone_number: '020 7946 0999', state: 'A' },
    });
    await eventually(async () => expect(await contactsIn('A', 'Lovelace')).toHaveLength(2), 30_000);
    await s.waitForIdle();
    const survivor = (await s.hub.bySource('A', 'contact', String(ada.id)))!;
    const duplicate = (await s.hub.bySource('B', 'contact', String(dup.customer_id)))!;
    expect(survivor.id).not.toBe(duplicate.id);
    const aBefore = await s.A.stats();
    const bBefore = await s.B.stats();

    const merged = await s.hub.request('POST', `/api/golden-records/contact/${survivor.id}/merge`, { duplicateId: duplicate.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await s.waitForIdle({ timeoutMs: 60_000 });

    expect(await deadLetters()).toEqual([]);
    // The merged-away id answers with its tombstone naming the survivor, on both transports.
    const gone = await s.hub.request('GET', `/api/golden-records/contact/${duplicate.id}`);
    expect([gone.status, gone.body.deleted, gone.body.mergedInto]).toEqual([200, true, survivor.id]);
    const gql = await s.hub.gql(`query($id: ID!) { goldenRecord(id: $id) { deleted mergedInto } }`, { id: duplicate.id });
    expect(gql.goldenRecord).toEqual({ deleted: true, mergedInto: survivor.id });
    expect((await s.hub.request('GET', `/api/golden-records/contact/${survivor.id}`)).body.mergedInto).toBeNull();
    const after = (await s.hub.bySource('A', 'contact', String(ada.id)))!;
    expect(after.id).toBe(survivor.id);
    expect(after.sources.map((x) => x.system).sort()).toEqual(['A', 'A', 'B', 'B']);
    // A wins over B (precedence A > B): the CRM's own Ada, not the hub's copy of B's duplicate.
    expect(after.data).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', birthDate: '1815-12-10' });
    // The phone follows B's precedence over A; of B's two records the survivor's own comes first.
    expect(after.data.phone).toBe('+442079460000');
    expect(after.lineage.find((l) => l.field === 'phone')).toMatchObject({ system: 'B' });

    // Each system's record of the survivor holds the merged values; nothing is retried after idle.
    const a = (await s.A.get('contacts', String(ada.id)))!;
    expect(a).toMatchObject({ firstName: 'Ada', email: 'ada@example.com', dob: '1815-12-10' });
    const refused = (await outboxRows(s.sql, {})).filter((r) => r.lastStatus === 412);
    expect(refused.length).toBeLessThanOrEqual(1);
    const aIdle = await s.A.stats();
    const bIdle = await s.B.stats();
    await s.waitForIdle({ settleMs: 2_000 });
    expect(totalWrites((await s.A.stats()).writes)).toBe(totalWrites(aIdle.writes));
    expect(totalWrites((await s.B.stats()).writes)).toBe(totalWrites(bIdle.writes));
    // Under the default onMerge: keep, no system lost a record to the merge.
    expect(await contactsIn('A', 'Lovelace')).toHaveLength(2);
    expect(await contactsIn('B', 'Lovelace')).toHaveLength(2);
    expect(totalWrites(aIdle.writes, 'contacts')).toBeGreaterThanOrEqual(totalWrites(aBefore.writes, 'contacts'));
    expect(totalWrites(bIdle.writes, 'customers')).toBeGreaterThanOrEqual(totalWrites(bBefore.writes, 'customers'));
  });

  /** A golden record as the hub holds it: values with lineage, its systems' records, its match keys. */
  async function snapshot(id: string) {
    const g = (await s.hub.request('GET', `/api/golden-records/contact/${id}`)).body;
    const { rows } = await s.sql.query(`SELECT key FROM match_key WHERE golden_id = $1 ORDER BY key`, [id]);
    return {
      deleted: g.deleted, data: g.data, lineage: g.lineage.map(({ updatedAt: _u, ...l }: Record<string, unknown>) => l),
      sources: g.sources.map((x: { system: string; externalId: string }) => `${x.system}:${x.externalId}`).sort(), keys: rows.map((r) => r.key),
    };
  }
  /** What each system holds for a last name, without the systems' own timestamps. */
  async function systemsHold(lastName: string) {
    const strip = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !['updatedAt', 'updated_at', 'createdAt', 'created_at'].includes(k)));
    const byId = (a: Record<string, any>, b: Record<string, any>) => String(a.id ?? a.customer_id).localeCompare(String(b.id ?? b.customer_id));
    return { A: (await contactsIn('A', lastName)).map(strip).sort(byId), B: (await contactsIn('B', lastName)).map(strip).sort(byId) };
  }

  it('merge then unmerge: both golden records and every system are back to what they were before the merge', async () => {
    const grace = await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', dob: '1906-12-09' } });
    await eventually(async () => expect(await contactsIn('B', 'Hopper')).toHaveLength(1), 30_000);
    const dup = await s.B.edit({
      entity: 'customers', action: 'create',
      data: { first_name: 'G.', last_name: 'Hopper', email_address: 'g.hopper@example.org', birth_date: '09/12/1906', phone_number: '020 7946 0321', state: 'A' },
    });
    await eventually(async () => expect(await contactsIn('A', 'Hopper')).toHaveLength(2), 30_000);
    await s.waitForIdle();
    const survivorId = (await s.hub.bySource('A', 'contact', String(grace.id)))!.id;
    const duplicateId = (await s.hub.bySource('B', 'contact', String(dup.customer_id)))!.id;
    const before = { survivor: await snapshot(survivorId), duplicate: await snapshot(duplicateId), systems: await systemsHold('Hopper') };

    const merged = await s.hub.request('POST', `/api/golden-records/contact/${survivorId}/merge`, { duplicateId });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    // The survivor had no phone: it takes the duplicate's, and both systems' records of it get it.
    expect(merged.body.data.phone).toBe('+442079460321');
    await s.waitForIdle({ timeoutMs: 60_000 });
    await eventually(async () => expect((await s.A.get('contacts', String(grace.id)))?.phone).toBe('+442079460321'), 30_000);
    const keysMerged = (await snapshot(survivorId)).keys;
    expect(keysMerged).toEqual([...before.survivor.keys, ...before.duplicate.keys].sort());

    const unmerged = await s.hub.request('POST', `/api/golden-records/contact/${survivorId}/unmerge`, { system: 'B', externalId: String(dup.customer_id) });
    expect(unmerged.status, JSON.stringify(unmerged.body)).toBe(200);
    expect(unmerged.body.id).toBe(duplicateId);
    await s.waitForIdle({ timeoutMs: 60_000 });

    expect(await snapshot(survivorId)).toEqual(before.survivor);
    expect(await snapshot(duplicateId)).toEqual(before.duplicate);
    expect(await systemsHold('Hopper')).toEqual(before.systems);
    expect(await deadLetters()).toEqual([]);
    // Undoing the merge says the two are not the same: remembered as "not a match" by their source records.
    expect(await openSuspectsOf(survivorId)).toEqual([]);
    const remembered = await s.sql.query(`SELECT left_key, right_key FROM match_dismissal WHERE left_key = ANY($1) OR right_key = ANY($1)`, [[`A:${grace.id}`]]);
    expect(remembered.rows.length).toBeGreaterThan(0);
    // History is kept: merge and unmerge are versions of both records.
    const versions = await s.hub.gql(`query($id: ID!) { goldenRecord(id: $id) { versions(first: 20) { nodes { cause } } } }`, { id: duplicateId });
    expect(versions.goldenRecord.versions.nodes.map((v: { cause: { kind: string } }) => v.cause.kind)).toEqual(expect.arrayContaining(['merge', 'unmerge']));
  });

  const openSuspectsOf = async (goldenId: string) =>
    (await s.hub.request('GET', '/api/match-suspects?entityType=contact&status=open&first=100')).body.items
      .filter((x: { records: { id: string }[] }) => x.records.some((r) => r.id === goldenId));
  const suspectRows = async (goldenId: string) =>
    (await s.sql.query(`SELECT id, status FROM match_suspect WHERE $1 IN (golden_a, golden_b)`, [goldenId])).rows;

  it('"Jon Smith" in A and "John Smith" in B: one open suspect with per-field scores; merged, both systems converge and go quiet', async () => {
    const jon = await s.A.edit({
      entity: 'contacts', action: 'create',
      data: { firstName: 'Jon', lastName: 'Smith', email: 'jon.smith@example.com', phone: '+44 20 7946 0100', dob: '1980-02-01' },
    });
    await eventually(async () => expect(await contactsIn('B', 'Smith')).toHaveLength(1), 30_000);
    const john = await s.B.edit({
      entity: 'customers', action: 'create',
      data: { first_name: 'John', last_name: 'Smith', email_address: 'jsmith@example.org', phone_number: '+44 20 7946 0100', birth_date: '01/02/1980', state: 'A' },
    });
    await eventually(async () => expect(await contactsIn('A', 'Smith')).toHaveLength(2), 30_000);
    await s.waitForIdle();
    const jonId = (await s.hub.bySource('A', 'contact', String(jon.id)))!.id;
    const johnId = (await s.hub.bySource('B', 'contact', String(john.customer_id)))!.id;
    expect(jonId).not.toBe(johnId);

    const suspects = await openSuspectsOf(jonId);
    expect(suspects).toHaveLength(1);
    const [suspect] = suspects;
    expect(suspect.score).toBeGreaterThanOrEqual(0.85);
    expect(suspect.records.map((r: { id: string }) => r.id).sort()).toEqual([jonId, johnId].sort());
    // The demo's best rule for this pair ("sounds alike, same birth date": Jon and John share their phonetic code).
    expect(suspect.rule).toMatchObject({ name: 'sounds alike, same birth date' });
    expect(suspect.fieldScores).toEqual([
      { field: 'lastName', method: 'phonetic', weight: 2, score: 1 },
      { field: 'firstName', method: 'phonetic', weight: 1, score: 1 },
      { field: 'birthDate', method: 'exact', weight: 2, score: 1 },
    ]);

    const merged = await s.hub.request('POST', `/api/match-suspects/${suspect.id}/merge`, {});
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await s.waitForIdle({ timeoutMs: 60_000 });
    const golden = (await s.hub.bySource('B', 'contact', String(john.customer_id)))!;
    // The older record survives; the rules over all four source records: A's own Jon wins names and e-mail (A > B).
    expect(golden.id).toBe(jonId);
    expect(golden.data).toMatchObject({ firstName: 'Jon', lastName: 'Smith', email: 'jon.smith@example.com', phone: '+442079460100', birthDate: '1980-02-01' });
    expect(golden.sources).toHaveLength(4);
    expect(await deadLetters()).toEqual([]);
    expect(await s.A.get('contacts', String(jon.id))).toMatchObject({ firstName: 'Jon', email: 'jon.smith@example.com', dob: '1980-02-01' });
    const [jonInB] = (await contactsIn('B', 'Smith')).filter((c) => c.email_address === 'jon.smith@example.com');
    expect(jonInB).toMatchObject({ first_name: 'Jon', birth_date: '01/02/1980' });
    expect(await openSuspectsOf(jonId)).toEqual([]);

    const quiet = { A: totalWrites((await s.A.stats()).writes), B: totalWrites((await s.B.stats()).writes) };
    await s.waitForIdle({ settleMs: 2_000 });
    expect({ A: totalWrites((await s.A.stats()).writes), B: totalWrites((await s.B.stats()).writes) }).toEqual(quiet);
  });

  it('a pair dismissed as "not a match" is never suggested again, whatever either system then edits', async () => {
    const kate = await s.A.edit({
      entity: 'contacts', action: 'create',
      data: { firstName: 'Catherine', lastName: 'Jones', email: 'cjones@example.com', phone: '+44 20 7946 0200', dob: '1975-05-05' },
    });
    await eventually(async () => expect(await contactsIn('B', 'Jones')).toHaveLength(1), 30_000);
    const kath = await s.B.edit({
      entity: 'customers', action: 'create',
      data: { first_name: 'Kathryn', last_name: 'Jones', email_address: 'kathryn@example.org', phone_number: '+44 20 7946 0200', birth_date: '05/05/1975', state: 'A' },
    });
    await eventually(async () => expect(await contactsIn('A', 'Jones')).toHaveLength(2), 30_000);
    await s.waitForIdle();
    const kateId = (await s.hub.bySource('A', 'contact', String(kate.id)))!.id;
    const [suspect] = await openSuspectsOf(kateId);
    expect(suspect).toBeDefined();
    expect((await s.hub.request('POST', `/api/match-suspects/${suspect.id}/dismiss`, {})).status).toBe(200);

    await s.A.edit({ entity: 'contacts', action: 'update', id: String(kate.id), data: { firstName: 'Kathrine', phone: '+44 20 7946 0201' } });
    await s.B.edit({ entity: 'customers', action: 'update', id: String(kath.customer_id), data: { first_name: 'Katherine', phone_number: '+44 20 7946 0201' } });
    await s.waitForIdle();
    expect(await openSuspectsOf(kateId)).toEqual([]);
    expect(await suspectRows(kateId)).toEqual([{ id: suspect.id, status: 'dismissed' }]);
    expect(await deadLetters()).toEqual([]);
  });

  it('onMerge: delete — a system holding both records ends with one, the survivor\'s; no dead letter; a bad value is refused', async () => {
    const doc = (await s.hub.request('GET', '/api/config')).body;
    const bad = structuredClone(doc);
    bad.systems.A.onMerge = 'drop';
    const refused = await s.hub.request('PUT', '/api/config', bad);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('systems.A.onMerge');
    doc.systems.A.onMerge = 'delete';
    const applied = await s.hub.request('PUT', '/api/config', doc);
    expect(applied.body.applied, JSON.stringify(applied.body)).toBe(true);

    const alan = await s.A.edit({ entity: 'contacts', action: 'create', data: { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com', dob: '1912-06-23' } });
    await eventually(async () => expect(await contactsIn('B', 'Turing')).toHaveLength(1), 30_000);
    const dup = await s.B.edit({
      entity: 'customers', action: 'create',
      data: { first_name: 'A.', last_name: 'Turing', email_address: 'a.turing@example.org', birth_date: '23/06/1912', state: 'A' },
    });
    await eventually(async () => expect(await contactsIn('A', 'Turing')).toHaveLength(2), 30_000);
    await s.waitForIdle();
    const survivor = (await s.hub.bySource('A', 'contact', String(alan.id)))!;
    const duplicate = (await s.hub.bySource('B', 'contact', String(dup.customer_id)))!;
    const merged = await s.hub.request('POST', `/api/golden-records/contact/${survivor.id}/merge`, { duplicateId: duplicate.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await s.waitForIdle({ timeoutMs: 60_000 });

    // A (delete) lost the hub's copy of the duplicate; B (keep, the default) holds both.
    const inA = await contactsIn('A', 'Turing');
    expect(inA.map((c) => c.id)).toEqual([alan.id]);
    expect(await contactsIn('B', 'Turing')).toHaveLength(2);
    expect(await deadLetters()).toEqual([]);
    const after = (await s.hub.bySource('A', 'contact', String(alan.id)))!;
    expect(after.sources.filter((x) => !x.deleted).map((x) => x.system).sort()).toEqual(['A', 'B', 'B']);
  });
});
