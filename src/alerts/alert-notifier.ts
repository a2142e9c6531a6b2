import { Logger } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import type { AlertsConfig } from '../config/hub-config.schema';
import { type AlertNotification, notificationText } from './domain/alert-rules';

export type AlertTarget = AlertsConfig['targets'][number];

/** A receiver slower than this is treated as failed; the notification is sent again on the next evaluation. */
const SEND_TIMEOUT_MS = 5_000;

/**
 * Sends alert notifications to the configured targets: the log, and URLs signed per Standard Webhooks (the same
 * library the hub verifies incoming webhooks with), so a receiver checks them as it would any webhook.
 */
export class AlertNotifier {
  private readonly logger = new Logger('alerts');

  /** true when every target took it */
  async send(targets: AlertTarget[], n: AlertNotification): Promise<boolean> {
    let ok = true;
    for (const target of targets) {
      if (target.type === 'log') {
        this.logLine(n);
        continue;
      }
      try {
        await this.post(target.url, target.secret, n);
      } catch (err) {
        ok = false;
        this.logger.warn(`alert ${n.messageId} not delivered to ${target.url}: ${(err as Error).message}; it is sent again on the next evaluation`);
      }
    }
    return ok;
  }

  private logLine(n: AlertNotification): void {
    const fields = { alert: { id: n.alert.id, rule: n.alert.rule, subject: n.alert.subject, status: n.alert.status, details: n.alert.details } };
    if (n.type === 'alert.resolved') this.logger.log({ ...fields, msg: notificationText(n) });
    else this.logger.warn({ ...fields, msg: notificationText(n) });
  }

  private async post(url: string, secret: string, n: AlertNotification): Promise<void> {
    const now = new Date();
    const body = JSON.stringify({
      type: n.type,
      timestamp: now.toISOString(),
      data: { ...n.alert, text: notificationText(n) },
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': n.messageId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(n.messageId, now, body),
      },
      body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    // The body is not needed; reading it frees the connection.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  }
}
