import { describe, expect, it } from 'vitest';
import type { ActiveConfig } from './active-config';
import { validateHubConfig } from './hub-config.validation';
import { entityTypeViews, systemViews } from './hub-config.views';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function active(): ActiveConfig {
  const raw = {
    systems: {
      crm: {
        name: 'CRM',
        webhookSecret: SECRET,
        adapter: { type: 'http', baseUrl: 'https://user:pw-123@crm.example.com', headers: { Authorization: 'Bearer tok-456' } },
        poll: { every: '5m' },
        entities: { contact: { name: 'contacts', filter: { status: 'active' }, fields: { email: 'email', firstName: 'first' } } },
      },
      wh: {
        direction: 'in',
        adapter: { type: 'postgres', url: 'postgres://wh:pg-789@db/wh' },
        entities: { inventory: { name: 'items', id: 'item_id', updatedAt: 'updated_at', fields: { sku: 'sku' } } },
      },
    },
  };
  const r = validateHubConfig(raw, {});
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { version: 3, raw, config: r.config, entityTypes: r.entityTypes };
}

describe('systemViews', () => {
  it('describes each system without anything that authenticates', () => {
    const views = systemViews(active());
    expect(views).toEqual([
      {
        key: 'crm', name: 'CRM', direction: 'both', adapter: { type: 'http' }, signsWebhooks: true,
        poll: { every: '5m', cron: undefined, overlap: undefined }, schedule: null, inferredDeletes: null,
        entities: [{ entityType: 'contact', name: 'contacts', id: 'id', updatedAt: null, direction: 'both', filter: { status: 'active' }, fields: ['email', 'firstName'] }],
      },
      {
        key: 'wh', name: 'wh', direction: 'in', adapter: { type: 'postgres' }, signsWebhooks: false,
        poll: null, schedule: null, inferredDeletes: null,
        entities: [{ entityType: 'inventory', name: 'items', id: 'item_id', updatedAt: 'updated_at', direction: 'in', filter: null, fields: ['sku'] }],
      },
    ]);
    const text = JSON.stringify(views);
    for (const secret of [SECRET, 'pw-123', 'tok-456', 'pg-789']) expect(text).not.toContain(secret);
  });
});

describe('entityTypeViews', () => {
  it('lists resolved entity types with the systems mapping each', () => {
    const views = entityTypeViews(active());
    expect(views.map((v) => [v.name, v.systems])).toEqual([
      ['contact', ['crm']], ['order', []], ['inventory', ['wh']], ['user', []],
    ]);
    expect(views[0]).toMatchObject({ matchOn: [['email']], precedence: ['crm', 'wh'], strategy: 'merge', deletePolicy: 'tombstone' });
  });
});
