import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_CONFIG, type DeliveryHarness, startDeliveryHarness, waitFor } from './fixtures/delivery/delivery-harness';
import { writeConfigFile } from './support/contact-systems.config';
import { gql } from './support/graphql';
import { captureLog, type CapturedLog } from './support/log-capture';
import { sample } from './support/metrics';
import { WebhookReceiver } from './support/webhook-receiver';

const ALERT_SECRET = 'whsec_dGVzdC1hbGVydC1zZWNyZXQtMDEyMzQ1Njc4OQ==';

/** Alerts reach people: a dead letter sends one signed alert to a real receiver, and its replay one resolved alert. */
describe('alerts', () => {
  let h: DeliveryHarness;
  let receiver: WebhookReceiver;
  let log: CapturedLog;
  let config: { file: string; remove(): void };

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    process.env.ALERT_RECEIVER_URL = receiver.url;
    config = writeConfigFile(`${readFileSync(DELIVERY_CONFIG, 'utf8')}
alerts:
  every: 100ms
  targets:
    - { type: webhook, url: "\${ALERT_RECEIVER_URL}", secret: "${ALERT_SECRET}" }
    - { type: log }
`, 'hub-alerts-');
    log = captureLog('info');
    h = await startDeliveryHarness({ config: config.file, logger: log.logger });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
    config?.remove();
  });

  /** Verified with the reference library, as a receiver would: throws on a bad signature. */
  const verified = (i: number) => new Webhook(ALERT_SECRET).verify(receiver.received[i].body, receiver.received[i].headers as Record<string, string>) as {
    type: string; data: { id: string; rule: string; subject: string; status: string; message: string; text: string };
  };

  const evaluations = async () => sample((await h.hub.http.get('/metrics')).text, 'hub_alert_evaluations_total') ?? 0;

  /** Evaluations run every 100 ms; the hub counts those it completes. */
  async function severalEvaluations(): Promise<void> {
    const before = await evaluations();
    await waitFor('three more evaluations', async () => (await evaluations()) >= before + 3);
  }

  it('a dead letter sends exactly one signed alert; its replay sends one resolved alert', async () => {
    h.B.failWith((r) => (r.method === 'POST' ? { status: 422, body: { error: 'refused' } } : undefined));
    const aId = h.A.put({ email: 'alerting@example.com', firstName: 'Al', lastName: 'Ert' });
    await h.send('A', 'contacts.created', h.A.records.get(aId)!);
    const dead = await waitFor('the dead letter', async () => (await h.hub.sql.query(`SELECT id::text AS id FROM outbox WHERE system = 'B' AND status = 'dead'`)).rows[0]);
    await waitFor('the alert to reach the receiver', () => receiver.received.length >= 1);

    const opened = verified(0);
    expect(opened.type).toBe('alert.opened');
    expect(opened.data).toMatchObject({ rule: 'dead_letters', subject: 'B', status: 'open', message: '1 dead letter for B', text: 'ALERT dead_letters B: 1 dead letter for B' });
    expect(receiver.received[0].headers['webhook-id']).toBe(`alert-${opened.data.id}-open`);
    // A tampered body fails verification: the signature covers it.
    expect(() => new Webhook(ALERT_SECRET).verify(receiver.received[0].body.replace('dead_letters', 'conflicts'), receiver.received[0].headers as Record<string, string>)).toThrow();

    // De-duplicated: the condition holds through several evaluations, and nothing more is sent.
    await severalEvaluations();
    expect(receiver.received).toHaveLength(1);
    expect(sample((await h.hub.http.get('/metrics')).text, 'hub_alerts_open', { rule: 'dead_letters' })).toBe(1);
    const open = await h.hub.http.get('/api/alerts?status=open').set(h.hub.auth);
    expect(open.status).toBe(200);
    expect(open.body.items.map((a: Record<string, unknown>) => [a.id, a.rule, a.subject, a.status])).toEqual([[opened.data.id, 'dead_letters', 'B', 'open']]);
    const viaGraphql = await gql(h.hub, `{ alerts(status: open) { nodes { id rule subject status message resolvedAt } } }`);
    expect(viaGraphql.alerts.nodes).toEqual([{ id: opened.data.id, rule: 'dead_letters', subject: 'B', status: 'open', message: '1 dead letter for B', resolvedAt: null }]);

    // Replayed once B takes it: the dead letter is gone, the alert resolves, and one resolved notification follows.
    h.B.heal();
    const retried = await h.hub.http.post(`/api/deliveries/${dead.id}/retry`).set(h.hub.auth);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    await waitFor('the resolved alert', () => receiver.received.length >= 2);
    const resolved = verified(1);
    expect(resolved.type).toBe('alert.resolved');
    expect(resolved.data).toMatchObject({ id: opened.data.id, rule: 'dead_letters', subject: 'B', status: 'resolved', text: 'RESOLVED dead_letters B: 1 dead letter for B' });
    expect(receiver.received[1].headers['webhook-id']).toBe(`alert-${opened.data.id}-resolved`);

    await severalEvaluations();
    expect(receiver.received).toHaveLength(2);
    const all = await h.hub.http.get('/api/alerts').set(h.hub.auth);
    expect(all.body.items.map((a: Record<string, unknown>) => [a.rule, a.status])).toEqual([['dead_letters', 'resolved']]);
    expect(all.body.items[0].resolvedAt).not.toBeNull();

    // The log target got both, as an operator's log shipper would.
    const texts = log.lines().map((l) => l.msg);
    expect(texts.filter((t) => t === 'ALERT dead_letters B: 1 dead letter for B')).toHaveLength(1);
    expect(texts.filter((t) => t === 'RESOLVED dead_letters B: 1 dead letter for B')).toHaveLength(1);
  });

  it('rejected events reaching the threshold set through the configuration API open one alert for their sender', async () => {
    const yaml = `${readFileSync(DELIVERY_CONFIG, 'utf8')}
alerts:
  every: 100ms
  targets:
    - { type: webhook, url: "\${ALERT_RECEIVER_URL}", secret: "${ALERT_SECRET}" }
  rules:
    rejectedEvents: { threshold: 2, window: 15m }
`;
    const put = await h.hub.http.put('/api/config').set(h.hub.auth).set('Content-Type', 'application/yaml').send(yaml);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const sent = receiver.received.length;
    // A's birth dates are yyyy-MM-dd: this one cannot be mapped, so the event is rejected.
    await h.send('A', 'contacts.created', { id: 'bad-1', email: 'bad1@example.com', birthDate: '31/02/2024' });
    await severalEvaluations();
    expect(receiver.received).toHaveLength(sent);
    await h.send('A', 'contacts.created', { id: 'bad-2', email: 'bad2@example.com', birthDate: '31/02/2024' });
    await waitFor('the rejected-events alert', () => receiver.received.length > sent);
    await severalEvaluations();
    expect(receiver.received).toHaveLength(sent + 1);
    expect(verified(sent)).toMatchObject({
      type: 'alert.opened',
      data: { rule: 'rejected_events', subject: 'A', status: 'open', message: '2 events from A rejected in the last 15 min (threshold 2)' },
    });
  });

  it('rejects an unknown status filter with the field named', async () => {
    const res = await h.hub.http.get('/api/alerts?status=closed').set(h.hub.auth);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('status');
  });
});
