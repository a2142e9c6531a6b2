import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_SYSTEMS_CONFIG, writeConfigFile } from './support/contact-systems.config';
import { startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook } from './support/webhooks';

const NEW_SECRET = 'whsec_3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAA';
const withSecrets = (secrets: string) => CONTACT_SYSTEMS_CONFIG.replace(`webhookSecret: ${SECRETS.A}`, `webhookSecrets: ${secrets}`);

describe('webhook secret rotation', () => {
  let hub: TestHub;
  let config: { file: string; remove(): void };

  beforeAll(async () => {
    config = writeConfigFile(CONTACT_SYSTEMS_CONFIG);
    hub = await startTestHub({ HUB_CONFIG: config.file, HUB_WORKERS: 'off' });
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  const send = async (secret: string, id: string) => {
    const { raw, headers } = signedWebhook(secret, envelope('contacts.updated', { id, email: `${id}@example.com` }));
    const res = await hub.http.post('/webhooks/A').set(headers).send(raw);
    return { status: res.status, code: res.body?.error?.code as string | undefined };
  };
  const putConfig = async (yaml: string) => {
    const res = await hub.http.put('/api/config').set({ ...hub.auth, 'content-type': 'application/yaml' }).send(yaml);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it('keeps the old and the new secret valid during a rotation, then only the new one, and audits each step', async () => {
    expect(await send(SECRETS.A, 'c-1')).toEqual({ status: 202, code: undefined });
    expect((await send(NEW_SECRET, 'c-2')).code).toBe('SIGNATURE_INVALID');

    await putConfig(withSecrets(`[${SECRETS.A}, "${NEW_SECRET}"]`));
    expect((await send(SECRETS.A, 'c-3')).status).toBe(202);
    expect((await send(NEW_SECRET, 'c-4')).status).toBe(202);

    await putConfig(withSecrets(`["${NEW_SECRET}"]`));
    expect(await send(SECRETS.A, 'c-5')).toEqual({ status: 401, code: 'SIGNATURE_INVALID' });
    expect((await send(NEW_SECRET, 'c-6')).status).toBe(202);

    const audit = await hub.http.get('/api/audit-log?action=system.webhook-secrets.rotate').set(hub.auth);
    expect(audit.status).toBe(200);
    const rows = audit.body.items as { actor: string; target: string; before: { secrets: string[] }; after: { secrets: string[] } }[];
    expect(rows.map((r) => [r.target, r.before.secrets.length, r.after.secrets.length])).toEqual([
      ['system:A', 2, 1], ['system:A', 1, 2],
      // the first version, loaded from the file, set both systems' secrets
      ['system:B', 0, 1], ['system:A', 0, 1],
    ]);
    expect(rows[0].actor).toMatch(/^key:/);
    const { rows: all } = await hub.sql.query(`SELECT before::text || after::text AS t FROM audit_log`);
    for (const { t } of all) {
      expect(t).not.toContain(SECRETS.A.slice(6));
      expect(t).not.toContain(NEW_SECRET.slice(6));
    }
  });

  it('refuses a list entry that is not a whsec_ secret, naming its index', async () => {
    const res = await hub.http.put('/api/config').set({ ...hub.auth, 'content-type': 'application/yaml' }).send(withSecrets(`["${NEW_SECRET}", "plain"]`));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('systems.A.webhookSecrets.1');
  });
});
