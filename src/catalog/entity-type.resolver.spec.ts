import { describe, expect, it } from 'vitest';
import { hubConfigSchema, type HubConfigInput } from '../config/hub-config.schema';
import { BUILTIN_ENTITY_TYPES } from './builtin-entity-types';
import { checkEntityTypes, resolveEntityTypes } from './entity-type.resolver';

const systems = { A: {}, B: {}, C: {} };
const config = (input: HubConfigInput) => hubConfigSchema.parse(input);

describe('resolveEntityTypes', () => {
  it('resolves the built-in types with defaults', () => {
    const types = resolveEntityTypes(config({ systems }));
    expect(Object.keys(types)).toEqual(['contact', 'order', 'inventory', 'user']);
    expect(types.contact).toMatchObject({
      name: 'contact', matchOn: [['email']], precedence: ['A', 'B', 'C'], fieldPrecedence: {},
      strategy: 'merge', deletePolicy: 'tombstone',
    });
    expect(types.user.matchOn).toEqual([['username'], ['email']]);
    expect(types.contact.fields).toEqual(BUILTIN_ENTITY_TYPES.contact.fields);
  });

  it('replaces a built-in field by name and adds new fields, keeping the others', () => {
    const { contact } = resolveEntityTypes(config({
      entities: {
        contact: {
          fields: {
            status: { type: 'enum', values: ['lead', 'active', 'inactive'] },
            loyaltyTier: { type: 'enum', values: ['gold', 'silver'] },
          },
        },
      },
    }));
    expect(contact.fields.status).toEqual({ type: 'enum', values: ['lead', 'active', 'inactive'] });
    expect(contact.fields.loyaltyTier).toEqual({ type: 'enum', values: ['gold', 'silver'] });
    expect(contact.fields.email).toEqual({ type: 'email', required: true });
    expect(contact.matchOn).toEqual([['email']]);
  });

  it('replaces matchOn, precedence, fieldPrecedence, strategy and deletePolicy when given', () => {
    const { contact } = resolveEntityTypes(config({
      systems,
      entities: {
        contact: {
          matchOn: ['email', ['firstName', 'lastName', 'birthDate']],
          precedence: ['B', 'A', 'C'],
          fieldPrecedence: { phone: ['C', 'B', 'A'] },
          strategy: 'precedence',
          deletePolicy: 'ignore',
          description: 'People',
        },
      },
    }));
    expect(contact).toMatchObject({
      description: 'People',
      matchOn: [['email'], ['firstName', 'lastName', 'birthDate']],
      precedence: ['B', 'A', 'C'],
      fieldPrecedence: { phone: ['C', 'B', 'A'] },
      strategy: 'precedence',
      deletePolicy: 'ignore',
    });
  });

  it('completes partial precedence lists into total orders', () => {
    const { contact } = resolveEntityTypes(config({
      systems,
      entities: { contact: { precedence: ['C'], fieldPrecedence: { phone: ['B'] } } },
    }));
    expect(contact.precedence).toEqual(['C', 'A', 'B']);
    expect(contact.fieldPrecedence).toEqual({ phone: ['B', 'C', 'A'] });
  });

  it('declares new entity types with defaults', () => {
    const { product } = resolveEntityTypes(config({
      systems: { B: {}, A: {} },
      entities: { product: { fields: { gtin: { type: 'string', required: true } }, matchOn: ['gtin'] } },
    }));
    expect(product).toEqual({
      name: 'product', fields: { gtin: { type: 'string', required: true } }, matchOn: [['gtin']],
      precedence: ['B', 'A'], fieldPrecedence: {}, strategy: 'merge', deletePolicy: 'tombstone',
    });
    expect(resolveEntityTypes(config({ entities: { note: {} } })).note.matchOn).toEqual([]);
  });

  it('hands out copies that cannot change the built-in defaults', () => {
    const first = resolveEntityTypes(config({}));
    first.contact.fields.email.required = false;
    first.order.fields.lines.items!.fields!.sku.maxLength = 1;
    const second = resolveEntityTypes(config({}));
    expect(second.contact.fields.email.required).toBe(true);
    expect(second.order.fields.lines.items!.fields!.sku.maxLength).toBe(64);
    expect(() => { (BUILTIN_ENTITY_TYPES.contact.fields.email as { required?: boolean }).required = false; }).toThrow(TypeError);
  });
});

describe('checkEntityTypes', () => {
  const check = (input: HubConfigInput) => checkEntityTypes(config(input));
  const paths = (input: HubConfigInput) => check(input).map((i) => i.path);

  it('accepts the built-in types and a valid configuration', () => {
    expect(check({})).toEqual([]);
    expect(check({
      systems,
      entities: {
        contact: {
          matchOn: ['email', ['firstName', 'lastName']],
          precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] }, strategy: 'manual',
          fields: { phone: { type: 'phone', defaultCountry: 'GB', strategy: 'latest' } },
        },
        product: {
          fields: {
            gtin: { type: 'string', pattern: '^\\d{13}$' },
            price: { type: 'money', currency: 'EUR', min: 0, max: 1000 },
            supplier: { type: 'reference', entity: 'contact' },
          },
        },
      },
    })).toEqual([]);
  });

  it('reports an enum without values', () => {
    expect(check({ entities: { contact: { fields: { status: { type: 'enum' } } } } })).toEqual([
      { path: 'entities.contact.fields.status.values', message: expect.stringContaining('needs values') as string },
    ]);
  });

  it('reports duplicate enum values and values the field normalisation would change', () => {
    expect(paths({ entities: { t: { fields: { s: { type: 'enum', values: ['a', 'b', 'a'] } } } } }))
      .toEqual(['entities.t.fields.s.values.2']);
    expect(paths({ entities: { t: { fields: { s: { type: 'enum', case: 'upper', values: ['A', 'b'] } } } } }))
      .toEqual(['entities.t.fields.s.values.1']);
  });

  it('reports a list without items, and checks item definitions by path', () => {
    expect(paths({ entities: { t: { fields: { tags: { type: 'list' } } } } })).toEqual(['entities.t.fields.tags.items']);
    expect(paths({
      entities: { t: { fields: { lines: { type: 'list', items: { type: 'object', fields: { q: { type: 'integer', min: 5, max: 1 } } } } } } },
    })).toEqual(['entities.t.fields.lines.items.fields.q.min']);
  });

  it('reports references without or to unknown entity types', () => {
    expect(check({ entities: { t: { fields: { owner: { type: 'reference', entity: 'employee' } } } } })).toEqual([
      { path: 'entities.t.fields.owner.entity', message: expect.stringContaining('unknown entity type "employee"') as string },
    ]);
    expect(paths({ entities: { t: { fields: { owner: { type: 'reference' } } } } })).toEqual(['entities.t.fields.owner.entity']);
  });

  it('reports matchOn naming unknown or unmatchable fields, with indexes', () => {
    expect(paths({ entities: { contact: { matchOn: ['mail', ['firstName', 'surname'], 'address', 'constructor'] } } })).toEqual([
      'entities.contact.matchOn.0', 'entities.contact.matchOn.1.1', 'entities.contact.matchOn.2', 'entities.contact.matchOn.3',
    ]);
    // Re-typing a built-in match field breaks the built-in matchOn: reported at the inherited matchOn path.
    expect(paths({ entities: { user: { fields: { email: { type: 'list', items: { type: 'email' } } } } } }))
      .toEqual(['entities.user.matchOn.1']);
  });

  it('reports precedence naming unknown or repeated systems', () => {
    expect(check({ systems, entities: { contact: { precedence: ['A', 'D', 'A'] } } })).toEqual([
      { path: 'entities.contact.precedence.1', message: 'unknown system "D" (known: A, B, C)' },
      { path: 'entities.contact.precedence.2', message: 'system "A" is listed twice' },
    ]);
    expect(paths({ entities: { contact: { precedence: ['A'] } } })).toEqual(['entities.contact.precedence.0']);
  });

  it('reports fieldPrecedence naming unknown fields or systems', () => {
    expect(paths({ systems, entities: { contact: { fieldPrecedence: { mobile: ['A'], phone: ['B', 'X'] } } } })).toEqual([
      'entities.contact.fieldPrecedence.mobile', 'entities.contact.fieldPrecedence.phone.1',
    ]);
  });

  it('reports invalid patterns, countries, currencies and ranges', () => {
    expect(paths({
      entities: {
        t: {
          fields: {
            code: { type: 'string', pattern: '([a-z]' },
            phone: { type: 'phone', defaultCountry: 'XX' },
            price: { type: 'money', currency: 'ABC' },
            size: { type: 'decimal', min: 10, max: 1 },
            ok: { type: 'integer', min: 1, max: 1 },
          },
        },
      },
    })).toEqual([
      'entities.t.fields.code.pattern', 'entities.t.fields.phone.defaultCountry',
      'entities.t.fields.price.currency', 'entities.t.fields.size.min',
    ]);
  });

  it('reports options that do not apply to the field type', () => {
    expect(check({ entities: { t: { fields: { n: { type: 'integer', maxLength: 3, values: ['1'] } } } } })).toEqual([
      { path: 'entities.t.fields.n.values', message: 'values does not apply to integer fields (only to enum)' },
      { path: 'entities.t.fields.n.maxLength', message: expect.stringContaining('does not apply') as string },
    ]);
  });
});
