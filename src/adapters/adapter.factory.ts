import type { SystemConfig } from '../config/hub-config.schema';
import type { SystemAdapter } from './adapter.types';
import { HttpAdapter } from './http/http.adapter';
import { PostgresAdapter } from './postgres/postgres.adapter';
import { WebhookAdapter } from './webhook/webhook.adapter';

/** The adapter for a system's configuration; null when the system has none (inbound-only systems). */
export function createAdapter(system: string, config: SystemConfig): SystemAdapter | null {
  const adapter = config.adapter;
  if (!adapter) return null;
  switch (adapter.type) {
    case 'http':
      return new HttpAdapter(system, adapter);
    case 'postgres':
      return new PostgresAdapter(system, adapter);
    case 'webhook':
      return new WebhookAdapter(system, adapter);
  }
}
