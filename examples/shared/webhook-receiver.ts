import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { readBody } from './http-io';
import type { WebhookEnvelope } from './webhook-sender';

export interface ReceivedRequest {
  systemKey: string;
  webhookId: string | undefined;
  /** the signature checked out with that system's secret */
  verified: boolean;
  /** why verification failed */
  error?: string;
  /** the status the receiver answered */
  status: number;
  envelope?: WebhookEnvelope;
  raw: string;
  headers: IncomingHttpHeaders;
}

export interface WebhookReceiver {
  url: string;
  /** every request, in arrival order */
  requests: ReceivedRequest[];
  /** requests verified and answered 2xx: the events the "hub" accepted */
  accepted(): ReceivedRequest[];
  /** the statuses to answer the next requests with (then 204 again) */
  respondWith(...statuses: number[]): void;
  /** resolves once `count` events were accepted; rejects after timeoutMs */
  waitForAccepted(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/**
 * A tiny stand-in for the hub's webhook endpoint (POST /webhooks/{system}) that checks Standard Webhooks
 * signatures with each system's secret — for tests and for running a demo system without the hub.
 */
export async function startWebhookReceiver(secrets: Record<string, string>): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const planned: number[] = [];
  const waiters = new Set<() => void>();
  const accepted = (): ReceivedRequest[] => requests.filter((r) => r.verified && r.status < 300);

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const match = /^\/webhooks\/([^/]+)$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
      const systemKey = match ? decodeURIComponent(match[1]) : '';
      const webhookId = req.headers['webhook-id'] as string | undefined;
      const entry: ReceivedRequest = { systemKey, webhookId, verified: false, status: 204, raw, headers: req.headers };
      const secret = secrets[systemKey];
      if (req.method !== 'POST' || !secret) {
        entry.status = 404;
        entry.error = `no system "${systemKey}"`;
      } else {
        try {
          entry.envelope = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as WebhookEnvelope;
          entry.verified = true;
          entry.status = planned.shift() ?? 204;
        } catch (err) {
          entry.status = 401;
          entry.error = err instanceof Error ? err.message : String(err);
        }
      }
      requests.push(entry);
      res.writeHead(entry.status).end();
      for (const wake of waiters) wake();
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    respondWith: (...statuses) => planned.push(...statuses),
    waitForAccepted(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (accepted().length < count) return;
          cleanup();
          resolve(accepted());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${count} accepted webhooks, got ${accepted().length} (${requests.length} requests)`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
