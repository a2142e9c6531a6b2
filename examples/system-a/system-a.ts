import { type RestSystem, type RestSystemOptions, startRestSystem } from '../shared/rest-system';
import { type SystemDefinition, sequentialId } from '../shared/system-definition';

/** Port the demo hub configuration expects System A on. */
export const SYSTEM_A_DEFAULT_PORT = 4001;

/**
 * The secret System A signs with when none is given. Public on purpose: it exists for the local demo
 * only (the demo runner passes the same value to the hub as SYSTEM_A_SECRET).
 */
export const SYSTEM_A_DEMO_SECRET = 'whsec_ad18AAg5aWdZUwNc+mIv+bGhQXQvUYos';

/** System A, a CRM: camelCase JSON, ISO dates (yyyy-MM-dd), readable status words. */
export const SYSTEM_A_DEFINITION: SystemDefinition = {
  key: 'A',
  name: 'CRM',
  updatedAtField: 'updatedAt',
  entities: [
    {
      name: 'contacts',
      idField: 'id',
      newId: sequentialId('A-', 6),
      fields: {
        firstName: { type: 'string', maxLength: 100 },
        lastName: { type: 'string', maxLength: 100 },
        email: { type: 'email', required: true },
        phone: { type: 'string', maxLength: 40 },
        dob: { type: 'date', format: 'yyyy-MM-dd' },
        status: { type: 'enum', values: ['active', 'inactive'], required: true, default: 'active' },
      },
    },
    {
      name: 'users',
      idField: 'id',
      newId: sequentialId('U-', 6),
      unique: ['username'],
      fields: {
        username: { type: 'string', required: true, maxLength: 64 },
        email: { type: 'email' },
        displayName: { type: 'string', maxLength: 200 },
        roles: { type: 'string-list', required: true, default: [] },
        active: { type: 'boolean', required: true, default: true },
      },
    },
  ],
};

export type SystemAOptions = RestSystemOptions;

/** Starts System A; port defaults to 4001 (pass 0 for a free one), secret to the demo secret. */
export function startSystemA(opts: SystemAOptions = {}): Promise<RestSystem> {
  return startRestSystem(SYSTEM_A_DEFINITION, {
    ...opts,
    port: opts.port ?? SYSTEM_A_DEFAULT_PORT,
    webhookSecret: opts.webhookSecret ?? SYSTEM_A_DEMO_SECRET,
  });
}
