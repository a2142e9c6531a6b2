import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import type { TestHub } from './test-hub';

export const SECRETS = {
  A: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  B: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
} as const;

/** A signed Standard Webhooks request, signed with the reference library (not the hub's code). */
export function signedWebhook(secret: string, body: unknown, id: string = randomUUID()) {
  const raw = JSON.stringify(body);
  const timestamp = new Date();
  const signature = new Webhook(secret).sign(id, timestamp, raw);
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

export function envelope(type: string, data: Record<string, unknown>) {
  return { type, timestamp: new Date().toISOString(), data };
}

/** Sends a signed webhook over real HTTP to a hub listening at baseUrl. */
export async function postWebhook(baseUrl: string, system: keyof typeof SECRETS, type: string, data: Record<string, unknown>, id?: string) {
  const { raw, headers } = signedWebhook(SECRETS[system], envelope(type, data), id);
  const res = await fetch(`${baseUrl}/webhooks/${system}`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Waits until the inbox has no pending event (the workers have caught up). */
export async function waitForInboxDrained(sql: pg.Pool, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM inbox_event WHERE status = 'pending'`);
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows[0].n} inbox events still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Sends a signed webhook from A or B to a test hub and waits until the pipeline has processed it. It must be
 * accepted (202); with an explicit `id`, a replay of one already stored (200) is accepted too.
 */
export async function sendWebhook(hub: TestHub, system: keyof typeof SECRETS, type: string, data: Record<string, unknown>, id?: string) {
  const { raw, headers } = signedWebhook(SECRETS[system], envelope(type, data), id);
  const res = await hub.http.post(`/webhooks/${system}`).set(headers).send(raw);
  expect(id === undefined ? [202] : [200, 202], JSON.stringify(res.body)).toContain(res.status);
  await waitForInboxDrained(hub.sql);
  return res;
}
