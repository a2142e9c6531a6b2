import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { systemEntitySchema } from '../config/hub-config.schema';
import { mapInbound } from './inbound.mapper';
import { checkMappingConfig } from './mapping-config.check';
import type { MappingContext } from './mapping.types';
import { mapOutbound } from './outbound.mapper';

// The design document's contact example: System A (CRM, camelCase, ISO dates) and System B (ERP).
const contact: ResolvedEntityType = {
  name: 'contact',
  fields: {
    email: { type: 'email', required: true },
    firstName: { type: 'string' },
    birthDate: { type: 'date' },
    phone: { type: 'phone' },
    ssn: { type: 'string', sensitive: true },
    status: { type: 'enum', values: ['active', 'inactive'] },
  },
  matchOn: [['email']],
  precedence: ['A', 'B'],
  fieldPrecedence: { phone: ['B', 'A'] },
  strategy: 'merge',
  deletePolicy: 'tombstone',
};

const systemA: MappingContext = {
  system: 'A',
  entityType: contact,
  mapping: systemEntitySchema.parse({
    name: 'contacts', id: 'id', updatedAt: 'updatedAt',
    fields: { email: 'email', firstName: 'firstName', birthDate: { field: 'dob', format: 'yyyy-MM-dd' }, ssn: 'ssn' },
  }),
};

const systemB: MappingContext = {
  system: 'B',
  entityType: contact,
  mapping: systemEntitySchema.parse({
    name: 'customers', id: 'customer_id',
    fields: {
      email: 'email_address',
      firstName: 'first_name',
      birthDate: { field: 'birth_date', format: 'dd/MM/yyyy' },
      status: { field: 'state', values: { active: 'A', inactive: 'I' } },
    },
  }),
};

describe('seed mapping: System A ↔ canonical ↔ System B', () => {
  it('both mappings pass the configuration check', () => {
    expect(checkMappingConfig(systemA.mapping, contact)).toEqual([]);
    expect(checkMappingConfig(systemB.mapping, contact)).toEqual([]);
  });

  it('A → canonical: renames, ISO date kept, unknown fields and the id ignored', () => {
    const { record, errors } = mapInbound(systemA, {
      id: 'a-17', email: ' Ada@Example.com', firstName: 'Ada', dob: '2024-01-01', updatedAt: '2024-05-01T10:00:00Z', shoeSize: 38,
    });
    expect(errors).toEqual([]);
    expect(record).toEqual({ email: 'ada@example.com', firstName: 'Ada', birthDate: '2024-01-01' });
  });

  it('canonical → B: first_name, 01/01/2024, and nothing B does not map', () => {
    const canonical = { email: 'ada@example.com', firstName: 'Ada', birthDate: '2024-01-01', phone: '+442071838750', ssn: '123-45-6789' };
    const { record, errors } = mapOutbound(systemB, canonical);
    expect(errors).toEqual([]);
    expect(record).toEqual({ email_address: 'ada@example.com', first_name: 'Ada', birth_date: '01/01/2024' });
  });

  it('B → canonical: first_name → firstName, 01/01/2024 → 2024-01-01, A → active', () => {
    const { record, errors } = mapInbound(systemB, {
      customer_id: 901, email_address: 'ada@example.com', first_name: 'Ada', birth_date: '01/01/2024', state: 'A',
    });
    expect(errors).toEqual([]);
    expect(record).toEqual({ email: 'ada@example.com', firstName: 'Ada', birthDate: '2024-01-01', status: 'active' });
  });

  it('canonical → A and back is the identity on what A maps; the sensitive ssn is never sent', () => {
    const canonical = { email: 'ada@example.com', firstName: 'Ada', birthDate: '2024-01-01', status: 'inactive', ssn: '123-45-6789' };
    const out = mapOutbound(systemA, canonical);
    expect(out.record).toEqual({ email: 'ada@example.com', firstName: 'Ada', dob: '2024-01-01' });
    expect(mapInbound(systemA, out.record).record).toEqual({ email: 'ada@example.com', firstName: 'Ada', birthDate: '2024-01-01' });
    expect(mapOutbound(systemB, canonical).record).toMatchObject({ state: 'I' });
  });

  it('B sends 31/02/2024: an INVALID_DATE error naming system, fields and value; other fields still map', () => {
    const { record, errors } = mapInbound(systemB, { email_address: 'ada@example.com', birth_date: '31/02/2024' });
    expect(record).toEqual({ email: 'ada@example.com' });
    expect(errors).toEqual([{
      system: 'B', field: 'birthDate', systemField: 'birth_date', value: '31/02/2024', code: 'INVALID_DATE',
      message: 'B field "birth_date" → canonical field "birthDate": "31/02/2024" is not a valid date in format dd/MM/yyyy',
    }]);
  });

  it('B sends an unmapped state: UNMAPPED_VALUE naming the value', () => {
    const { errors } = mapInbound(systemB, { state: 'X' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'UNMAPPED_VALUE', field: 'status', systemField: 'state', value: 'X' });
    expect(errors[0].message).toContain('"X"');
  });

  it('absent stays absent and null stays null', () => {
    expect(mapInbound(systemB, { first_name: null }).record).toEqual({ firstName: null });
    expect(mapInbound(systemB, {}).record).toEqual({});
    expect(mapOutbound(systemB, { firstName: null, status: null }).record).toEqual({ first_name: null, state: null });
  });
});
