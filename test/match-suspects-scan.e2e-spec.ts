import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { MAX_BLOCK_SIZE, pairedBlocks } from '../src/matching/match-block.repository';
import { waitFor } from './fixtures/delivery/delivery-harness';
import { type RoleKeys, roleKeys } from './support/api-keys';
import { errorCode, mutate } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';
import { sendWebhook } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/match-suspects/hub.config.yaml');

/** The scan over records written before the similarity rules existed, as a job of the jobs API. */
describe('match suspects: scan job over existing records (REST and GraphQL)', () => {
  let hub: TestHub;
  let keys: RoleKeys;
  let rules: unknown;

  beforeAll(async () => {
    // Small batches, so the scan takes several and pairs across batches must still be found.
    hub = await startTestHub({ HUB_CONFIG: CONFIG, HUB_JOB_BATCH_SIZE: '3' });
    keys = await roleKeys(hub, 'scan');
  });
  afterAll(async () => {
    await hub?.close();
  });

  const putConfig = async (change: (doc: any) => void) => {
    const doc = (await hub.http.get('/api/config').set(hub.auth).expect(200)).body;
    change(doc);
    const res = await hub.http.put('/api/config').set(hub.auth).send(doc);
    expect(res.body.applied, JSON.stringify(res.body)).toBe(true);
  };
  const suspectCount = async () => (await hub.sql.query(`SELECT count(*)::int AS n FROM match_suspect WHERE status = 'open'`)).rows[0].n as number;
  const waitForJob = (id: string) =>
    waitFor(`job ${id} to finish`, async () => {
      const res = await hub.http.get(`/api/jobs/${id}`).set(keys.viewer);
      return ['succeeded', 'failed', 'cancelled'].includes(res.body.status) && res.body;
    }, 60_000);

  it('finds the pairs among records written before the rules, across batches', async () => {
    await putConfig((doc) => {
      rules = doc.entities.contact.suspects;
      delete doc.entities.contact.suspects;
    });
    await sendWebhook(hub, 'A', 'contacts.created', { id: 'a-1', firstName: 'Jon', lastName: 'Smith', email: 'jon.smith@example.com', phone: '+44 20 7946 0000', birthDate: '1980-02-01' });
    for (let i = 0; i < 5; i++) {
      await sendWebhook(hub, 'A', 'contacts.created', { id: `a-x${i}`, firstName: `Person${i}`, lastName: `Unrelated${i}x`, email: `p${i}@example.com`, phone: `+44 20 7946 01${i}0` });
    }
    await sendWebhook(hub, 'B', 'customers.created', {
      customer_id: 'b-1', first_name: 'John', last_name: 'Smith', email_address: 'jsmith@example.org', phone_number: '+44 20 7946 0000', birth_date: '01/02/1980',
    });
    await putConfig((doc) => {
      doc.entities.contact.suspects = rules;
    });
    // A rule change applies to each record at its next change: nothing is compared yet.
    expect(await suspectCount()).toBe(0);

    const res = await hub.http.post('/api/match-suspects/scan?entityType=contact').set(keys.admin);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ kind: 'suspect-scan', key: 'contact', status: 'queued', params: { entityType: 'contact' } });
    const job = await waitForJob(res.body.id);
    expect(job).toMatchObject({ status: 'succeeded', processed: 7, total: 7, progress: 1, changed: 1, createdBy: expect.stringMatching(/^key:/) });
    const open = (await hub.http.get('/api/match-suspects?entityType=contact&status=open').set(keys.viewer).expect(200)).body.items;
    expect(open).toHaveLength(1);
    expect(open[0].records.map((r: any) => r.sources[0].externalId).sort()).toEqual(['a-1', 'b-1']);
    expect(open[0].fieldScores.length).toBeGreaterThan(0);
    const audit = await hub.sql.query(`SELECT actor, target FROM audit_log WHERE action = 'match-suspect.scan'`);
    expect(audit.rows).toEqual([{ actor: job.createdBy, target: `job:${res.body.id}` }]);
  });

  it('runs again over GraphQL (scanMatchSuspects) and adds no second suspect for the same pair', async () => {
    const { scanMatchSuspects: job } = await mutate(hub, keys.admin, `mutation { scanMatchSuspects(entityType: "contact") { id kind status } }`);
    expect(job).toMatchObject({ kind: 'suspect-scan', status: 'queued' });
    expect(await waitForJob(job.id)).toMatchObject({ status: 'succeeded', processed: 7 });
    expect(await suspectCount()).toBe(1);
    expect((await hub.sql.query(`SELECT count(*)::int AS n FROM match_suspect`)).rows[0].n).toBe(1);
  });

  it('refuses a scan to a steward, without an entity type, of an unknown type and of a type without rules', async () => {
    const post = (query: string, auth = keys.admin) => hub.http.post(`/api/match-suspects/scan${query}`).set(auth);
    const steward = await post('?entityType=contact', keys.steward);
    expect([steward.status, steward.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const missing = await post('');
    expect([missing.status, missing.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    const unknown = await post('?entityType=spaceship');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ENTITY_TYPE_UNKNOWN']);
    const norules = await post('?entityType=order');
    expect([norules.status, norules.body.error.code]).toEqual([400, 'SUSPECT_RULES_MISSING']);
    expect(norules.body.error.details).toEqual([expect.objectContaining({ path: 'entityType' })]);
    expect(await errorCode(hub, keys.steward, `mutation { scanMatchSuspects(entityType: "contact") { id } }`)).toBe('ROLE_FORBIDDEN');
    expect(await errorCode(hub, keys.admin, `mutation { scanMatchSuspects(entityType: "order") { id } }`)).toBe('SUSPECT_RULES_MISSING');
  });

  it("reads the blocks in key order for the second pass: cut blocks whole in the next read, long ones skipped", async () => {
    // Rolled back: the hub's own keys are out of the way for the test and back after it.
    const client = await hub.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM match_block');
      const members = (prefix: number, n: number) => Array.from({ length: n }, (_v, i) => `00000000-0000-4000-8000-${String(prefix * 1000 + i).padStart(12, '0')}`);
      // Keys below zero sort first as numbers, not as text.
      const blocks: [string, string[]][] = [
        ['-5', members(1, 2)], ['-3', members(2, 3)], ['1', members(3, 1)], ['2', members(4, 150)], ['7', members(5, 60)], ['9', members(6, 2)], ['11', members(7, 50)],
      ];
      for (const [key, ids] of blocks) await client.query(`INSERT INTO match_block (key, golden_id) SELECT $1::bigint, unnest($2::uuid[])`, [key, ids]);
      const m = { query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
      const reads: { blocks: string[][]; next: string | null }[] = [];
      let after: string | null = null;
      do {
        const read = await pairedBlocks(m, after, 10);
        reads.push(read);
        after = read.next;
      } while (after !== null && reads.length < 10);
      expect(MAX_BLOCK_SIZE).toBe(100);
      // Reads of 101 rows: -5, -3, 1 and 95 of key 2's 150 (cut: left to the next read) / key 2 fills the read: skipped
      // / 7, 9 and 39 of key 11's 50 (cut) / the rest of 11. The lone key 1 pairs nothing.
      expect(reads).toEqual([
        { blocks: [members(1, 2), members(2, 3)], next: '1' },
        { blocks: [], next: '2' },
        { blocks: [members(5, 60), members(6, 2)], next: '9' },
        { blocks: [members(7, 50)], next: null },
      ]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
