import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BadInput, badInputs } from './fixtures/security/bad-inputs';
import { librarySigned } from './fixtures/ingest/webhook-signing';
import { CONTACT_SYSTEMS_CONFIG, writeConfigFile } from './support/contact-systems.config';
import { startTestHub, type TestHub } from './support/test-hub';
import { envelope, SECRETS, signedWebhook, waitForInboxDrained } from './support/webhooks';

const CODE = /^[A-Z][A-Z0-9_]+$/;
const CASES = badInputs();

/** Row counts of every table but rate_limit (its counters move with every request, by design). */
async function rowCounts(hub: TestHub): Promise<Record<string, number>> {
  const { rows } = await hub.sql.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'rate_limit' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { table_name: t } of rows as { table_name: string }[]) {
    counts[t] = Number((await hub.sql.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
  }
  return counts;
}

describe(`corpus of ${CASES.length} bad inputs`, () => {
  let hub: TestHub;
  let config: { file: string; remove(): void };
  let before: Record<string, number>;
  const rejectedInbox: string[] = [];

  beforeAll(async () => {
    config = writeConfigFile(CONTACT_SYSTEMS_CONFIG);
    hub = await startTestHub({ HUB_CONFIG: config.file });
    before = await rowCounts(hub);
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  it('holds at least 150 inputs of every kind', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(CASES.map((c) => c.kind));
    for (const kind of ['malformed', 'oversized', 'deep', 'aliases', 'injection', 'unicode', 'wrong-type', 'impossible-date', 'prototype']) expect(kinds).toContain(kind);
    for (const target of ['webhook', 'batch', 'record', 'rest', 'graphql']) expect(CASES.some((c) => c.target === target)).toBe(true);
  });

  async function send(c: BadInput) {
    switch (c.target) {
      case 'webhook':
      case 'batch': {
        const headers = c.signed ? librarySigned(SECRETS.A, c.raw) : { 'content-type': 'application/json' };
        return hub.http.post(c.target === 'batch' ? '/webhooks/A/batch' : '/webhooks/A').set({ ...headers, 'content-type': c.contentType ?? 'application/json' }).send(c.raw);
      }
      case 'rest': {
        const req = hub.http[c.method](c.path).set(hub.auth);
        return c.raw === undefined ? req : req.set('content-type', c.contentType ?? 'application/json').send(c.raw);
      }
      case 'graphql':
        return hub.http.post('/graphql').set(c.noKey ? {} : hub.auth).set('content-type', 'application/json').send(JSON.stringify({ query: c.query, variables: c.variables }));
      case 'record': {
        const { raw, headers } = signedWebhook(SECRETS.A, envelope('contacts.updated', { id: `bad-${rejectedInbox.length}`, ...c.data }));
        return hub.http.post('/webhooks/A').set(headers).send(raw);
      }
    }
  }

  it.each(CASES.map((c) => [`${c.target} · ${c.kind} · ${c.name}`, c] as const))('refuses %s', async (_label, c) => {
    const res = await send(c);
    expect(res.status, JSON.stringify(res.body)?.slice(0, 300)).toBeLessThan(500);
    if (c.target === 'record') {
      expect(res.status).toBe(202);
      rejectedInbox.push(res.body.inboxId as string);
      return;
    }
    const code = res.body?.error?.code ?? res.body?.errors?.[0]?.extensions?.code;
    expect(code, JSON.stringify(res.body)?.slice(0, 300)).toMatch(CODE);
    expect(code).not.toBe('INTERNAL_ERROR');
    if (c.target === 'graphql') expect(res.body.data ?? null, JSON.stringify(res.body).slice(0, 300)).toSatisfy((d: unknown) => d === null || Object.values(d as object).every((v) => v === null));
    else expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('rejects each signed event with a bad record, with its reason on the events API, and changes no other table', async () => {
    await waitForInboxDrained(hub.sql);
    for (const id of rejectedInbox) {
      const event = await hub.http.get(`/api/events/${id}`).set(hub.auth);
      expect(event.body.status, JSON.stringify(event.body)).toBe('rejected');
      expect(event.body.reason ?? event.body.errors).toBeTruthy();
    }
    const after = await rowCounts(hub);
    const { rows } = await hub.sql.query(`SELECT count(*)::int AS n FROM inbox_event WHERE status = 'rejected'`);
    expect(rows[0].n).toBe(rejectedInbox.length);
    expect({ ...after, inbox_event: after.inbox_event - rejectedInbox.length }).toEqual(before);
  });
});
