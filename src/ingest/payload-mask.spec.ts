import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import type { SystemEntityConfig } from '../config/hub-config.schema';
import { MASK, maskPayload, sensitiveSystemPaths } from './payload-mask';

const entityType: ResolvedEntityType = {
  name: 'contact',
  fields: { email: { type: 'email' }, ssn: { type: 'string', sensitive: true }, pin: { type: 'string', sensitive: true } },
  matchOn: [['email']], precedence: [], fieldPrecedence: {}, strategy: 'merge', deletePolicy: 'tombstone',
};
const mapping: SystemEntityConfig = { name: 'customers', id: 'id', fields: { email: 'mail', ssn: { field: 'identity.national_id' }, pin: 'pin' } };

describe('payload masking', () => {
  it('finds the system paths of sensitive canonical fields', () => {
    expect(sensitiveSystemPaths(entityType, mapping)).toEqual(['identity.national_id', 'pin']);
  });

  it('masks present values in a copy and leaves absent or null ones alone', () => {
    const payload = { id: 1, mail: 'a@example.com', identity: { national_id: '123-45-6789' }, pin: null };
    const masked = maskPayload(payload, sensitiveSystemPaths(entityType, mapping));
    expect(masked).toEqual({ id: 1, mail: 'a@example.com', identity: { national_id: MASK }, pin: null });
    expect(payload.identity.national_id).toBe('123-45-6789');
    expect(maskPayload({ id: 1 }, ['identity.national_id'])).toEqual({ id: 1 });
  });
});
