import { type ActiveConfig, bindingByEntityType, type SystemEntityBinding } from '../../config/active-config';
import { validateHubConfig } from '../../config/hub-config.validation';

/**
 * A validated configuration for the delivery unit tests: A and B sync contacts both ways (B with an
 * out-only field and a filter), W only receives (webhook-like target), I only sends, N has no adapter.
 */
export function deliveryTestConfig(overrides: { bFilter?: Record<string, unknown>; bOnMismatch?: 'keep' | 'delete' } = {}): ActiveConfig {
  const doc = {
    entities: {
      contact: {
        matchOn: ['email'],
        fields: {
          address: { type: 'object', fields: { city: { type: 'string' }, secret: { type: 'string', sensitive: true } } },
          manager: { type: 'reference', entity: 'contact' },
        },
      },
    },
    systems: {
      A: {
        direction: 'both',
        adapter: { type: 'http', baseUrl: 'http://127.0.0.1:1' },
        entities: { contact: { name: 'contacts', fields: { email: 'email', firstName: 'firstName', ssn: 'ssn', address: 'address' } } },
      },
      B: {
        direction: 'both',
        adapter: { type: 'http', baseUrl: 'http://127.0.0.1:2' },
        delivery: { maxAttempts: 3, backoff: '2s' },
        entities: {
          contact: {
            name: 'customers',
            id: 'customer_id',
            ...(overrides.bFilter ? { filter: overrides.bFilter } : {}),
            ...(overrides.bOnMismatch ? { onFilterMismatch: overrides.bOnMismatch } : {}),
            fields: {
              email: 'email_address',
              firstName: 'first_name',
              status: { field: 'state', values: { active: 'A', inactive: 'I' } },
              notes: { field: 'remarks', direction: 'out' },
              phone: { field: 'phone_number', direction: 'in' },
              manager: 'manager_id',
            },
          },
        },
      },
      W: { direction: 'out', adapter: { type: 'http', baseUrl: 'http://127.0.0.1:3' }, schedule: { cron: '0 2 * * *' }, entities: { contact: { name: 'people', fields: { email: 'email', firstName: 'first' } } } },
      I: { direction: 'in', adapter: { type: 'http', baseUrl: 'http://127.0.0.1:4' }, entities: { contact: { name: 'contacts', fields: { email: 'email' } } } },
      N: { direction: 'both', entities: { contact: { name: 'contacts', fields: { email: 'email' } } } },
    },
  };
  const result = validateHubConfig(doc, {});
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { version: 1, raw: doc, config: result.config, entityTypes: result.entityTypes };
}

export function binding(active: ActiveConfig, system: string, entityType = 'contact'): SystemEntityBinding {
  const found = bindingByEntityType(active, system, entityType);
  if (!found) throw new Error(`no binding ${system}/${entityType}`);
  return found;
}
