import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { createHubApp, initHubApp } from '../src/bootstrap';
import { loadAppSettings } from '../src/config/app-settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxWorkerService } from '../src/golden-records/pipeline/inbox-worker.service';
import { JobRunnerService } from '../src/jobs/job-runner.service';
import { count, startTestHub, type TestHub } from './support/test-hub';
import { SECRETS, signedWebhook } from './support/webhooks';

const CONFIG = path.resolve(__dirname, 'fixtures/rules/one-way.config.yaml');
const RECORDS = 7;

/**
 * The job runner driven step by step (HUB_WORKERS=off): a rule change through PUT /api/config queues a recompute,
 * a newer one supersedes it, a batch whose job was cancelled or taken over is rolled back, a failed or cancelled job
 * resumes from its checkpoint, and a dead runner's lease is taken over.
 */
describe('jobs: recompute through PUT /api/config, supersede, cancel, resume, lease take-over', () => {
  let hub: TestHub;
  let runner: JobRunnerService;
  const doc = () => parseYaml(readFileSync(CONFIG, 'utf8'));

  const batch = async (system: 'A' | 'B', events: Record<string, unknown>[]) => {
    const { raw, headers } = signedWebhook(SECRETS[system], { events });
    const res = await hub.http.post(`/webhooks/${system}/batch`).set(headers).send(raw);
    expect(res.status).toBe(202);
    await hub.app.get(InboxWorkerService).drain();
  };
  const job = async (id: string) => (await hub.http.get(`/api/jobs/${id}`).set(hub.auth)).body;
  const rulesVersions = () => count(hub.sql, 'golden_version', `cause->>'kind' = 'rules'`);
  const put = async (document: object, query = '') => {
    const res = await hub.http.put(`/api/config${query}`).set(hub.auth).send(document);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    hub = await startTestHub({ HUB_CONFIG: CONFIG, HUB_WORKERS: 'off', HUB_JOB_BATCH_SIZE: '2', HUB_JOB_LEASE_MS: '1000' });
    runner = hub.app.get(JobRunnerService);
    const at = '2026-01-01T00:00:00Z';
    const n = Array.from({ length: RECORDS }, (_, i) => i);
    await batch('A', n.map((i) => ({ id: `a${i}`, type: 'contacts.created', timestamp: at, data: { id: `a-${i}`, email: `p${i}@example.com`, firstName: `Ada${i}` } })));
    // B disagrees on every first name (and loses: A wins), and on no last name
    await batch('B', n.map((i) => ({ id: `b${i}`, type: 'customers.created', timestamp: at, data: { customer_id: `b-${i}`, email_address: `p${i}@example.com`, first_name: `Bea${i}` } })));
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('PUT /api/config?dryRun=true reports the impact per entity type; applying it queues one recompute', async () => {
    const next = doc();
    next.entities.contact.precedence = ['B', 'A'];
    const dry = await put(next, '?dryRun=true');
    expect(dry).toMatchObject({
      valid: true, dryRun: true, version: 1, changes: [{ op: 'replace', path: 'entities.contact.precedence.0' }, { op: 'replace', path: 'entities.contact.precedence.1' }],
      impact: { contact: { records: RECORDS, fields: { firstName: RECORDS }, rulesChanged: expect.arrayContaining(['firstName', 'lastName', 'email']) } },
    });
    expect(dry.impact.contact.sample).toHaveLength(RECORDS);
    expect(dry.impact.contact.sample[0]).toMatchObject({ field: 'firstName', winnerBefore: 'A', winnerAfter: 'B' });
    expect(Object.keys(dry.impact)).toEqual(['contact']);

    const applied = await put(next);
    expect(applied).toMatchObject({ applied: true, version: 2, jobs: [{ kind: 'recompute', key: 'contact' }] });
    const queued = await job(applied.jobs[0].id);
    expect(queued).toMatchObject({ status: 'queued', configVersion: 2, processed: 0, total: null, startedAt: null, params: { entityType: 'contact' } });
    const { rows } = await hub.sql.query(`SELECT after FROM audit_log WHERE action = 'config.replace' ORDER BY id DESC LIMIT 1`);
    expect(rows[0].after.jobs).toEqual(applied.jobs);
  });

  it('a newer rule change supersedes the queued recompute and takes over its fields; a change of other settings queues nothing', async () => {
    const [older] = (await hub.http.get('/api/jobs?status=queued').set(hub.auth)).body.items;
    const rules = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ fieldStrategies: { lastName: 'latest' } });
    expect(rules.status).toBe(200);
    // lastName was re-decided by the older job already (precedence); the newer one covers the union
    const newer = await job(rules.body.jobs[0].id);
    expect(newer).toMatchObject({ status: 'queued', configVersion: 3 });
    expect(newer.params.fields).toEqual(older.params.fields);
    expect(await job(older.id)).toMatchObject({ status: 'cancelled', lastError: `superseded by job ${newer.id} (configuration version 3)` });

    const cosmetic = doc();
    cosmetic.entities.contact.precedence = ['B', 'A'];
    cosmetic.entities.contact.fields = { lastName: { type: 'string', trim: true, maxLength: 200, strategy: 'latest' } };
    cosmetic.systems.A.name = 'The CRM';
    const renamed = await put(cosmetic);
    expect(renamed).toMatchObject({ applied: true, version: 4, jobs: [] });
    expect(await count(hub.sql, 'job', `status = 'queued'`)).toBe(1);
  });

  it('runs in batches with checkpoints; a cancelled job\'s batch in progress is rolled back; a retry resumes from the checkpoint', async () => {
    const [open] = (await hub.http.get('/api/jobs?status=queued').set(hub.auth)).body.items;
    expect(await runner.runOnce(1)).toBe(2); // claims it, counts the total, runs the first batch of 2
    expect(await job(open.id)).toMatchObject({ status: 'running', processed: 2, total: RECORDS, changed: 2, attempts: 1 });
    expect(await rulesVersions()).toBe(2);

    const cancelled = await hub.http.post(`/api/jobs/${open.id}/cancel`).set(hub.auth);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', lastError: 'cancelled by key:bootstrap-admin' });
    // the runner still holds it and runs a batch: its checkpoint fails, so the batch is rolled back
    expect(await runner.runOnce(1)).toBe(0);
    expect(await rulesVersions()).toBe(2);
    expect(await job(open.id)).toMatchObject({ status: 'cancelled', processed: 2 });
    expect(await runner.runOnce(1)).toBe(0); // nothing left to claim

    const retried = await hub.http.post(`/api/jobs/${open.id}/retry`).set(hub.auth);
    expect(retried.body).toMatchObject({ status: 'queued', processed: 2 });
    await runner.drain();
    expect(await job(open.id)).toMatchObject({ status: 'succeeded', processed: RECORDS, changed: RECORDS, total: RECORDS, attempts: 2, progress: 1 });
    // every record exactly one rules version: the two of the first batch were not recomputed again
    const { rows } = await hub.sql.query(`SELECT golden_id, count(*)::int AS n FROM golden_version WHERE cause->>'kind' = 'rules' GROUP BY 1`);
    expect(rows).toHaveLength(RECORDS);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const { rows: audit } = await hub.sql.query(`SELECT action FROM audit_log WHERE target = $1 ORDER BY id`, [`job:${open.id}`]);
    expect(audit.map((a) => a.action)).toEqual(['job.cancel', 'job.retry']);
    expect((await hub.http.post(`/api/jobs/${open.id}/retry`).set(hub.auth)).body.error.code).toBe('JOB_NOT_RETRYABLE');
  });

  it('a running job whose runner stopped renewing its lease is taken over and resumes; the old runner cannot commit', async () => {
    const rules = await hub.http.put('/api/entity-types/contact/rules').set(hub.auth).send({ precedence: ['A', 'B'] });
    const id = rules.body.jobs[0].id as string;
    expect(await runner.runOnce(1)).toBe(2);
    // another runner died holding it: its heartbeat is older than the lease
    await hub.sql.query(`UPDATE job SET runner = 'dead-runner', heartbeat_at = now() - interval '5 seconds' WHERE id = $1`, [id]);
    const versions = await rulesVersions();
    // this process still thinks it holds the job: its next batch is refused and rolled back …
    expect(await runner.runOnce(1)).toBe(0);
    expect(await rulesVersions()).toBe(versions);
    // … then it claims the abandoned job like any runner and finishes it from the checkpoint
    await runner.drain();
    expect(await job(id)).toMatchObject({ status: 'succeeded', processed: RECORDS, changed: RECORDS, attempts: 2 });
    const { rows } = await hub.sql.query(`SELECT golden_id, count(*)::int AS n FROM golden_version WHERE cause->>'kind' = 'rules' AND cause->>'jobId' = $1 GROUP BY 1`, [id]);
    expect(rows).toHaveLength(RECORDS);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('waits until this process runs the configuration version the job was made for', async () => {
    const { rows } = await hub.sql.query(
      `INSERT INTO job (kind, key, params, config_version, created_by) VALUES ('recompute', 'contact', $1, 999, 'test') RETURNING id::text AS id`,
      [JSON.stringify({ entityType: 'contact', fields: ['firstName'] })],
    );
    expect(await runner.runOnce(1)).toBe(0);
    expect(await job(rows[0].id)).toMatchObject({ status: 'running', processed: 0 });
    expect((await hub.http.post(`/api/jobs/${rows[0].id}/cancel`).set(hub.auth)).status).toBe(200);
  });

  it('a file loaded at start that changes the rules queues the recompute in the same transaction', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-jobs-'));
    try {
      const file = path.join(dir, 'hub.config.yaml');
      const next = doc();
      next.entities.contact.fieldPrecedence = { lastName: ['B', 'A'] };
      writeFileSync(file, toYaml(next));
      const before = (await hub.http.get('/api/config').set(hub.auth)).headers['hub-config-version'];
      // the newest version came from the API: applying another file needs HUB_CONFIG_OVERWRITE
      const replica = await initHubApp(await createHubApp(loadAppSettings({
        LOG_LEVEL: 'warn', HUB_ADMIN_API_KEY: hub.adminKey, HUB_WORKERS: 'off', HUB_CONFIG: file, HUB_CONFIG_OVERWRITE: 'true', DATABASE_URL: hub.db.url,
      }), hub.db.url));
      await replica.close();
      const { rows } = await hub.sql.query(
        `SELECT j.kind, j.key, j.config_version, j.created_by, j.params, c.source FROM job j JOIN hub_config c ON c.version = j.config_version
          WHERE j.status = 'queued'`,
      );
      expect(rows).toEqual([{
        kind: 'recompute', key: 'contact', config_version: Number(before) + 1, created_by: 'hub:hub', params: { entityType: 'contact', fields: expect.any(Array) },
        source: `file:${file}`,
      }]);
      expect(rows[0].params.fields).toContain('lastName');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
