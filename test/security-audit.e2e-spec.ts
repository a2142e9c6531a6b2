import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubLogger } from '../src/observability/logging';
import { issueRawKey } from './support/api-keys';
import { gqlAs } from './support/graphql';
import { CONTACT_SYSTEMS_CONFIG, writeConfigFile } from './support/contact-systems.config';
import { startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

const DB_PASSWORD = 'Pa55-never-logged-7f3a';

describe('audit log: append-only, filters; no secret in the log', () => {
  let hub: TestHub;
  let config: { file: string; remove(): void };
  const logged: string[] = [];
  let stewardKey: string;

  beforeAll(async () => {
    // A system whose adapter URL carries a password, next to the webhook secrets of A and B.
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.password = DB_PASSWORD;
    config = writeConfigFile(`${CONTACT_SYSTEMS_CONFIG}  C:
    direction: out
    adapter: { type: postgres, url: "${url.toString()}" }
    entities:
      contact: { name: contacts, id: id, fields: { email: email } }
`);
    const sink = new Writable({ write(chunk, _enc, done) { logged.push(String(chunk)); done(); } });
    hub = await startTestHub({ HUB_CONFIG: config.file, LOG_LEVEL: 'trace' }, createHubLogger({ logLevel: 'trace', logFormat: 'json' }, sink));
    stewardKey = await issueRawKey(hub, 'steward', 'audit-steward');
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows at the database', async () => {
    expect(Number((await hub.sql.query('SELECT count(*) FROM audit_log')).rows[0].count)).toBeGreaterThan(0);
    await expect(hub.sql.query(`UPDATE audit_log SET actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(hub.sql.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(hub.sql.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('filters by actor, action and time range, the same on REST and GraphQL', async () => {
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await issueRawKey(hub, 'viewer', 'audit-viewer');
    const rest = async (query: string) => {
      const res = await hub.http.get(`/api/audit-log?${query}`).set(hub.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as { actor: string; action: string; at: string }[]);
    };
    const byActor = await rest(`actor=${encodeURIComponent('key:bootstrap-admin')}`);
    const all = await rest('first=500');
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor === 'key:bootstrap-admin')).toBe(true);
    expect(all.some((e) => e.actor !== 'key:bootstrap-admin')).toBe(true);

    const since = await rest(`from=${before.toISOString()}&action=api-key.issue`);
    expect(since.length).toBe(1);
    expect(await rest(`to=${before.toISOString()}&action=api-key.issue`)).toHaveLength(all.filter((e) => e.action === 'api-key.issue' && new Date(e.at) < before).length);

    const gql = await gqlAs(hub, hub.auth, 'query($f: String, $a: String) { auditLog(from: $f, action: $a) { nodes { actor action } } }', { f: before.toISOString(), a: 'api-key.issue' });
    expect(gql.data.auditLog.nodes).toEqual(since.map((e) => ({ actor: e.actor, action: e.action })));

    const badRange = await hub.http.get(`/api/audit-log?from=${new Date().toISOString()}&to=${before.toISOString()}`).set(hub.auth);
    expect([badRange.status, badRange.body.error.code]).toEqual([400, 'INVALID_TIME_RANGE']);
    const impossible = await hub.http.get('/api/audit-log?from=2025-02-30T00:00:00Z').set(hub.auth);
    expect([impossible.status, impossible.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('writes no API key, webhook secret or connection password to the log of a run', async () => {
    const viewerKey = await issueRawKey(hub, 'viewer', 'log-viewer');
    for (const key of [hub.adminKey, stewardKey, viewerKey]) {
      await hub.http.get('/api/events').set({ Authorization: `Bearer ${key}` });
      await hub.http.post('/graphql').set({ 'x-api-key': key }).send({ query: '{ nope }' });
    }
    await hub.http.get('/api/events').set({ Authorization: 'Bearer wrong-key-0000000000000' });
    const { raw, headers } = signedWebhook(SECRETS.A, envelope('contacts.updated', { id: 'c-log', email: 'log@example.com' }));
    expect((await hub.http.post('/webhooks/A').set(headers).send(raw)).status).toBe(202);
    await hub.http.post('/webhooks/B').set({ ...headers, 'webhook-signature': 'v1,AAAA' }).send(raw);
    await waitForInboxDrained(hub.sql);
    const configText = await hub.http.get('/api/config').set(hub.auth);
    expect(configText.status).toBe(200);

    const text = logged.join('');
    expect(text.length).toBeGreaterThan(0);
    const secrets = [hub.adminKey, stewardKey, viewerKey, SECRETS.A, SECRETS.B, SECRETS.A.slice(6), SECRETS.B.slice(6), DB_PASSWORD];
    for (const secret of secrets) expect(text.includes(secret), `log contains ${secret.slice(0, 8)}…`).toBe(false);
  });
});
