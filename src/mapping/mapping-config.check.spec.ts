import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { systemEntitySchema } from '../config/hub-config.schema';
import { checkMappingConfig } from './mapping-config.check';

const contact: ResolvedEntityType = {
  name: 'contact',
  fields: {
    email: { type: 'email' },
    name: { type: 'string' },
    birthDate: { type: 'date' },
    seenAt: { type: 'datetime' },
    phone: { type: 'phone' },
    status: { type: 'enum', values: ['active', 'inactive'] },
    vip: { type: 'boolean' },
    level: { type: 'integer' },
    balance: { type: 'money' },
    credit: { type: 'money', currency: 'EUR' },
    roles: { type: 'list', items: { type: 'enum', values: ['admin', 'editor'] } },
    fees: { type: 'list', items: { type: 'money', currency: 'EUR' } },
    ssn: { type: 'string', sensitive: true },
  },
  matchOn: [['email']],
  precedence: [],
  fieldPrecedence: {},
  strategy: 'merge',
  deletePolicy: 'tombstone',
};

function check(fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return checkMappingConfig(systemEntitySchema.parse({ name: 'contacts', fields, ...extra }), contact);
}

describe('checkMappingConfig', () => {
  it('accepts a realistic mapping', () => {
    expect(check({
      email: 'email',
      name: { field: 'profile.name', trim: true, case: 'upper' },
      birthDate: { field: 'dob', format: 'dd/MM/yyyy' },
      seenAt: { field: 'seen', format: 'MM/dd/yyyy HH:mm', timezone: 'America/New_York' },
      phone: { field: 'tel', format: 'national' },
      status: { field: 'state', values: { active: 'A', inactive: 'I' }, default: 'active' },
      vip: { field: 'vip', values: { true: 'Y', false: 'N' } },
      level: { field: 'level', format: 'string', default: 1 },
      balance: { field: 'balance_cents', money: { unit: 'minor', currencyField: 'ccy' } },
      credit: { field: 'credit', money: { unit: 'decimal' }, format: 'number' },
      roles: { field: 'roles', values: { admin: 'ADM', editor: 'ED' } },
      fees: { field: 'fees', money: { unit: 'minor' } },
      ssn: 'ssn',
    }, { filter: { status: 'active' } })).toEqual([]);
  });

  it('reports the brief example: an unknown date pattern at fields.birthDate.format', () => {
    expect(check({ birthDate: { field: 'dob', format: 'dd/mm/yy' } })).toEqual([
      { path: 'fields.birthDate.format', message: expect.stringMatching(/^unknown date pattern "dd\/mm\/yy"/) },
    ]);
  });

  it('reports every problem with its path', () => {
    const problems = check({
      colour: 'colour',
      name: { field: 'name', format: 'dd/MM/yyyy', timezone: 'Europe/Berlin', money: { unit: 'minor', currency: 'EUR' } },
      birthDate: { field: 'dob', timezone: 'Mars/Olympus' },
      seenAt: { field: 'seen', format: 'yyyy-MM-dd' },
      phone: { field: 'tel', format: 'pretty' },
      status: { field: 'state', values: { active: 'A', archived: 'X', inactive: 'A' }, default: 'gone' },
      vip: { field: 'vip', values: { yes: 'Y' } },
      level: { field: 'level', case: 'upper', format: 'hex' },
      balance: { field: 'balance', money: { unit: 'minor' } },
      credit: { field: 'credit', money: { unit: 'minor', currency: 'XXY' } },
      fees: { field: 'fees', money: { unit: 'minor', currencyField: 'fee_ccy' } },
      email: { field: 'a..b' },
      ssn: { field: '__proto__.x' },
    }, { filter: { region: 'EU' } });
    expect(problems.map((p) => p.path)).toEqual([
      'fields.colour',
      'fields.name.format',
      'fields.name.timezone',
      'fields.name.money',
      'fields.birthDate.timezone',
      'fields.seenAt.format',
      'fields.phone.format',
      'fields.status.values.archived',
      'fields.status.values',
      'fields.status.default',
      'fields.vip.values.yes',
      'fields.level.format',
      'fields.level.case',
      'fields.balance.money',
      'fields.credit.money.currency',
      'fields.fees.money.currencyField',
      'fields.email.field',
      'fields.ssn.field',
      'filter.region',
    ]);
    expect(problems.find((p) => p.path === 'fields.status.values')?.message).toBe(
      'value map is not invertible: "A" is the system value of both "active" and "inactive"',
    );
  });

  it('treats system values that differ only by type or by the mapping case as duplicates', () => {
    expect(check({ level: { field: 'level', values: { 1: 1, 2: '1' } } }).map((p) => p.path)).toEqual(['fields.level.values']);
    expect(check({ status: { field: 's', values: { active: 'a', inactive: 'A' }, case: 'upper' } }).map((p) => p.path)).toEqual(['fields.status.values']);
  });

  it('reports two mappings writing the same or nested system fields outbound', () => {
    expect(check({ name: 'name', email: 'name' })).toEqual([
      { path: 'fields.email.field', message: 'system field "name" overlaps "name", also written outbound by fields.name.field' },
    ]);
    expect(check({ name: 'profile', email: 'profile.email' }).map((p) => p.path)).toEqual(['fields.email.field']);
    expect(check({ balance: { field: 'amount', money: { unit: 'minor', currencyField: 'ccy' } }, name: 'ccy' }).map((p) => p.path)).toEqual(['fields.name.field']);
  });

  it('lets one system field feed two canonical fields inbound, and ignores sensitive and id fields as writers', () => {
    expect(check({ name: 'name', email: { field: 'name', direction: 'in' } })).toEqual([]);
    expect(check({ name: 'name', ssn: 'name' })).toEqual([]);
    expect(checkMappingConfig(systemEntitySchema.parse({ name: 'c', id: 'key', fields: { name: 'key', email: 'key' } }), contact)).toEqual([]);
  });

  it('rejects non-canonical defaults and defaults that can never apply', () => {
    expect(check({ birthDate: { field: 'dob', default: '01/01/2024' } }).map((p) => p.path)).toEqual(['fields.birthDate.default']);
    expect(check({ email: { field: 'mail', default: 'ADA@example.com' } }).map((p) => p.path)).toEqual(['fields.email.default']);
    expect(check({ name: { field: 'n', default: 'x', direction: 'out' } }).map((p) => p.path)).toEqual(['fields.name.default']);
    expect(check({ credit: { field: 'c', default: { amount: '0.00', currency: 'EUR' } }, vip: { field: 'v', default: false } })).toEqual([]);
  });
});
