import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createHubApp, initHubApp } from '../src/bootstrap';
import type { ActiveConfig } from '../src/config/active-config';
import { loadAppSettings } from '../src/config/app-settings';
import { HubConfigService } from '../src/config/hub-config.service';
import { issueRawKey } from './support/api-keys';
import { spawnHub } from './support/hub-process';
import { createTestDatabase } from './support/test-database';
import { count, startTestHub, type TestHub } from './support/test-hub';

const FIXTURE = path.resolve(__dirname, 'fixtures/config/full.yaml');
const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');
const SECRETS = {
  SYSTEM_A_SECRET: 'whsec_ad18AAg5aWdZUwNc+mIv+bGhQXQvUYos',
  SYSTEM_B_SECRET: 'whsec_FmwzKdfV0atPZZ/ZqbpdJ+OflYU7kvqV',
  WAREHOUSE_DATABASE_URL: 'postgres://wh:wh-db-password@127.0.0.1:5432/warehouse',
  NOTIFY_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};
const fixtureDoc = () => parseYaml(FIXTURE_TEXT);

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('configuration as code: load, export, import, versions', () => {
  let hub: TestHub;
  let viewerKey: string;
  let replica: INestApplication | undefined;

  beforeAll(async () => {
    // ${ENV} references resolve against the process environment, as in production.
    Object.assign(process.env, SECRETS);
    hub = await startTestHub({ HUB_CONFIG: FIXTURE });
    viewerKey = await issueRawKey(hub, 'viewer', 'config-viewer');
  });
  afterAll(async () => {
    await replica?.close();
    await hub?.close();
    for (const name of Object.keys(SECRETS)) delete process.env[name];
  });

  it('loads HUB_CONFIG at start as version 1 and exports it unchanged, secrets unresolved', async () => {
    const res = await hub.http.get('/api/config').set(hub.auth);
    expect(res.status).toBe(200);
    expect(res.headers['hub-config-version']).toBe('1');
    expect(res.body).toEqual(fixtureDoc());
    expect(Object.keys(res.body.systems)).toEqual(['A', 'B', 'C', 'D']); // declaration order survives storage
    const { rows } = await hub.sql.query('SELECT version, source, created_by, document::text AS doc FROM hub_config');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 1, source: `file:${FIXTURE}`, created_by: 'hub:hub' });
    expect(rows[0].doc).toContain('${SYSTEM_A_SECRET}');
    for (const secret of Object.values(SECRETS)) expect(rows[0].doc).not.toContain(secret);
    // the configuration in force has them resolved
    expect(hub.app.get(HubConfigService).current().config.systems.A.webhookSecret).toBe(SECRETS.SYSTEM_A_SECRET);
  });

  it('exports YAML on request (?format=yaml or Accept)', async () => {
    const byQuery = await hub.http.get('/api/config?format=yaml').set(hub.auth);
    expect(byQuery.headers['content-type']).toMatch(/^application\/yaml/);
    expect(parseYaml(byQuery.text)).toEqual(fixtureDoc());
    const byAccept = await hub.http.get('/api/config').set(hub.auth).set('Accept', 'application/yaml');
    expect(byAccept.headers['content-type']).toMatch(/^application\/yaml/);
    expect(byAccept.text).toBe(byQuery.text);
  });

  it('a replica started with the same file stores nothing new', async () => {
    const settings = loadAppSettings({ LOG_LEVEL: 'warn', HUB_ADMIN_API_KEY: hub.adminKey, HUB_CONFIG: FIXTURE, DATABASE_URL: hub.db.url });
    replica = await initHubApp(await createHubApp(settings, hub.db.url));
    expect(replica.get(HubConfigService).current().version).toBe(1);
    expect(await count(hub.sql, 'hub_config')).toBe(1);
  });

  it('shows systems and entity types to viewers, without secrets', async () => {
    const systems = await hub.http.get('/api/systems').set('x-api-key', viewerKey);
    expect(systems.status).toBe(200);
    expect(systems.body.map((s: { key: string }) => s.key)).toEqual(['A', 'B', 'C', 'D']);
    expect(systems.body[0]).toMatchObject({
      key: 'A', name: 'CRM', direction: 'both', adapter: { type: 'http' }, signsWebhooks: true,
      poll: { every: '5m', overlap: '60s' },
    });
    expect(systems.body[1].schedule).toEqual({ cron: '0 2 * * *' });
    expect(systems.body[1].entities.map((e: { entityType: string }) => e.entityType)).toEqual(['contact', 'order', 'inventory', 'supplier']);
    const text = JSON.stringify(systems.body);
    for (const secret of [...Object.values(SECRETS), 'demo-token', 'whsec_']) expect(text).not.toContain(secret);

    const types = await hub.http.get('/api/entity-types').set('x-api-key', viewerKey);
    expect(types.status).toBe(200);
    const supplier = types.body.find((t: { name: string }) => t.name === 'supplier');
    expect(supplier).toMatchObject({ matchOn: [['vatNumber']], strategy: 'merge', systems: ['B'] });
    const contact = types.body.find((t: { name: string }) => t.name === 'contact');
    expect(contact.precedence).toEqual(['A', 'B', 'C', 'D']);
    expect(contact.fieldPrecedence.phone.slice(0, 2)).toEqual(['B', 'A']);
  });

  it('refuses an invalid document as a whole, listing every error by path, and stores nothing', async () => {
    const doc = fixtureDoc();
    doc.systems.B.entities.contact.fields.birthDate.format = 'dd/mm/yy';
    doc.entities.contact.precedence = ['A', 'Z'];
    doc.systems.A.poll.every = 'soon';
    doc.systems.C.adapter.url = '${UNDEFINED_WAREHOUSE_URL}';
    const res = await hub.http.put('/api/config').set(hub.auth).send(doc);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('HUB_CONFIG_INVALID');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'entities.contact.precedence.1',
      'systems.A.poll.every',
      'systems.B.entities.contact.fields.birthDate.format',
      'systems.C.adapter.url',
    ]);
    expect(res.body.error.details[2].message).toMatch(/^unknown date pattern "dd\/mm\/yy"/);
    expect(res.body.error.message).toContain('systems.B.entities.contact.fields.birthDate.format: unknown date pattern "dd/mm/yy"');
    expect(await count(hub.sql, 'hub_config')).toBe(1);
    expect(hub.app.get(HubConfigService).current().version).toBe(1);
  });

  it('refuses YAML with a syntax error, giving the line', async () => {
    const res = await hub.http.put('/api/config').set(hub.auth).set('Content-Type', 'application/yaml').send('systems:\n  A: { direction: in\n  B: {}\n');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('HUB_CONFIG_INVALID');
    expect(res.body.error.details[0].message).toMatch(/^syntax error at line \d+, column \d+/);
    expect(await count(hub.sql, 'hub_config')).toBe(1);
  });

  it('dry run: validates and lists the changes, applies nothing', async () => {
    const doc = fixtureDoc();
    doc.systems.B.schedule.cron = '0 3 * * *';
    delete doc.systems.D;
    const res = await hub.http.put('/api/config?dryRun=true').set(hub.auth).send(doc);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: true, dryRun: true, version: 1,
      changes: [{ op: 'replace', path: 'systems.B.schedule.cron' }, { op: 'remove', path: 'systems.D' }],
      // removing the last-declared system changes no precedence order: nothing to recompute
      impact: {},
    });
    expect(await count(hub.sql, 'hub_config')).toBe(1);
    expect((await hub.http.get('/api/config').set(hub.auth)).body).toEqual(fixtureDoc());
  });

  it('viewers can neither export nor replace the configuration', async () => {
    const put = await hub.http.put('/api/config').set('x-api-key', viewerKey).send(fixtureDoc());
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('ROLE_FORBIDDEN');
    expect((await hub.http.get('/api/config').set('x-api-key', viewerKey)).status).toBe(403);
    expect(await count(hub.sql, 'hub_config')).toBe(1);
  });

  it('PUT YAML stores version 2, activates it, audits it, and a replica picks it up', async () => {
    const seen: [number, number][] = [];
    replica!.get(HubConfigService).onChange((next: ActiveConfig, prev: ActiveConfig) => seen.push([prev.version, next.version]));
    const yaml = FIXTURE_TEXT.replace('schedule: { cron: "0 2 * * *" }', 'schedule: { cron: "30 1 * * *" }');
    const res = await hub.http.put('/api/config').set(hub.auth).set('Content-Type', 'application/yaml').send(yaml);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: true, version: 2, changes: [{ op: 'replace', path: 'systems.B.schedule.cron' }], jobs: [] });
    expect(res.headers.etag).toBe('"2"');
    expect(hub.app.get(HubConfigService).current().config.systems.B.schedule).toEqual({ cron: '30 1 * * *' });
    const exported = await hub.http.get('/api/config').set(hub.auth);
    expect(exported.headers['hub-config-version']).toBe('2');
    expect(exported.body.systems.B.schedule.cron).toBe('30 1 * * *');

    const { rows } = await hub.sql.query(`SELECT actor, target, before, after FROM audit_log WHERE action = 'config.replace'`);
    expect(rows).toEqual([{
      actor: 'key:bootstrap-admin', target: 'hub-config', before: { version: 1 },
      after: { version: 2, changes: [{ op: 'replace', path: 'systems.B.schedule.cron' }] },
    }]);

    const replicaService = replica!.get(HubConfigService);
    expect(await waitFor(() => replicaService.current().version === 2, 6_000)).toBe(true);
    expect(replicaService.current().config.systems.B.schedule?.cron).toBe('30 1 * * *');
    expect(seen).toEqual([[1, 2]]);
    const viaReplica = await request(replica!.getHttpServer()).get('/api/config').set(hub.auth);
    expect(viaReplica.headers['hub-config-version']).toBe('2');
  });

  it('export → import round trip (YAML and JSON) gives identical documents and no new version', async () => {
    const yamlExport = await hub.http.get('/api/config?format=yaml').set(hub.auth);
    const yamlImport = await hub.http.put('/api/config').set(hub.auth).set('Content-Type', 'application/yaml').send(yamlExport.text);
    expect(yamlImport.body).toEqual({ applied: false, version: 2, changes: [], jobs: [] });

    const jsonExport = await hub.http.get('/api/config').set(hub.auth);
    const jsonImport = await hub.http.put('/api/config').set(hub.auth).send(jsonExport.body);
    expect(jsonImport.body).toEqual({ applied: false, version: 2, changes: [], jobs: [] });

    expect(parseYaml(yamlExport.text)).toEqual(jsonExport.body);
    expect((await hub.http.get('/api/config').set(hub.auth)).body).toEqual(jsonExport.body);
    expect(await count(hub.sql, 'hub_config')).toBe(2);
  });

  it('lists versions and returns a past one (to roll back by PUTting it)', async () => {
    const list = await hub.http.get('/api/config/versions').set(hub.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { version: number; source: string; createdBy: string }) => [v.version, v.source, v.createdBy])).toEqual([
      [2, 'api', 'key:bootstrap-admin'],
      [1, `file:${FIXTURE}`, 'hub:hub'],
    ]);
    expect(typeof list.body.items[0].createdAt).toBe('string');
    expect(list.body.pageInfo.hasNextPage).toBe(false);
    const first = await hub.http.get('/api/config/versions/1').set(hub.auth);
    expect(first.headers['hub-config-version']).toBe('1');
    expect(first.body).toEqual(fixtureDoc());
    expect((await hub.http.get('/api/config/versions/99').set(hub.auth)).status).toBe(404);

    const rollback = await hub.http.put('/api/config').set(hub.auth).send(first.body);
    expect(rollback.body).toMatchObject({ applied: true, version: 3 });
  });
});

describe('start-up with an invalid HUB_CONFIG file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the built hub refuses to start, exits 1, and prints every error path', async () => {
    const file = path.join(dir, 'invalid.yaml');
    writeFileSync(file, FIXTURE_TEXT.replace('format: dd/MM/yyyy', 'format: dd/mm/yy').replace('precedence: [A, B]', 'precedence: [A, X]'));
    const db = await createTestDatabase();
    try {
      const start = spawnHub({ ...SECRETS, HUB_CONFIG: file, DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, 38000 + Math.floor(Math.random() * 1000));
      const error = await start.then(
        (h) => {
          h.child.kill('SIGKILL');
          return new Error('the hub started');
        },
        (err: Error) => err,
      );
      expect(error.message).toMatch(/^hub exited with 1:/);
      expect(error.message).toContain(`Invalid hub configuration in ${file} (2 errors):`);
      expect(error.message).toContain('entities.contact.precedence.1: unknown system "X"');
      expect(error.message).toContain('systems.B.entities.contact.fields.birthDate.format: unknown date pattern "dd/mm/yy"');
      expect(error.message).not.toMatch(/at .*hub-config\.service/); // a message for people, not a stack trace
    } finally {
      await db.drop();
    }
  });
});
