import { describe, expect, it } from 'vitest';
import { validateHubConfig } from '../hub-config.validation';
import { checkRulesRequest, rulesView, toRulesPath, withEntityRules } from './entity-rules';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const doc = () => ({
  version: 1,
  entities: {
    contact: { precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] }, fields: { phone: { type: 'phone', defaultCountry: 'GB' } } },
  },
  systems: {
    B: { direction: 'in', webhookSecret: '${B_SECRET}', entities: { contact: { name: 'customers', fields: { email: 'email' } } } },
    A: { direction: 'in', webhookSecret: SECRET, entities: { contact: { name: 'contacts', fields: { email: 'email' } } } },
  },
});

function resolved(document: unknown) {
  const result = validateHubConfig(document, { B_SECRET: SECRET });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.entityTypes;
}

describe('rulesView', () => {
  it('shows the configured lists and the effective (completed) ones', () => {
    const view = rulesView(doc(), resolved(doc()).contact, 4);
    expect(view).toEqual({
      entityType: 'contact', precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] }, strategy: 'merge', fieldStrategies: {},
      configVersion: 4, effective: { precedence: ['A', 'B'], fieldPrecedence: { phone: ['B', 'A'] } },
    });
  });

  it('a type the document does not declare shows its built-in rules, completed by the declared systems', () => {
    const view = rulesView(doc(), resolved(doc()).user, 1);
    expect(view).toMatchObject({ precedence: [], fieldPrecedence: {}, strategy: 'merge', effective: { precedence: ['B', 'A'] } });
  });
});

describe('withEntityRules', () => {
  it('edits only the keys that change, keeping ${ENV} references and the order of everything else', () => {
    const before = doc();
    const after = withEntityRules(before, resolved(before).contact, { fieldPrecedence: { phone: ['B', 'A'], firstName: ['B', 'A'] } }) as ReturnType<typeof doc>;
    expect(after.entities.contact).toEqual({ ...before.entities.contact, fieldPrecedence: { phone: ['B', 'A'], firstName: ['B', 'A'] } });
    expect(Object.keys(after)).toEqual(['version', 'entities', 'systems']);
    expect(Object.keys(after.systems)).toEqual(['B', 'A']);
    expect(after.systems.B.webhookSecret).toBe('${B_SECRET}');
    expect(before.entities.contact.fieldPrecedence).toEqual({ phone: ['B', 'A'] }); // the input is not touched
  });

  it('putting back what GET answered changes nothing (completed lists and default strategy are not written)', () => {
    const d = doc();
    const view = rulesView(d, resolved(d).contact, 1);
    expect(withEntityRules(d, resolved(d).contact, view)).toEqual(d);
    const user = rulesView(d, resolved(d).user, 1);
    expect(withEntityRules(d, resolved(d).user, user)).toEqual(d);
  });

  it('gives a built-in type not yet declared an entry', () => {
    const d = doc();
    const after = withEntityRules(d, resolved(d).user, { precedence: ['A'], strategy: 'latest' }) as { entities: Record<string, unknown> };
    expect(after.entities.user).toEqual({ precedence: ['A'], strategy: 'latest' });
  });

  it('a field strategy on a built-in field copies its definition (a declared field replaces the built-in one whole)', () => {
    const d = doc();
    const type = resolved(d).contact;
    const after = withEntityRules(d, type, { fieldStrategies: { lastName: 'manual', phone: 'latest' } }) as ReturnType<typeof doc>;
    const fields = after.entities.contact.fields as Record<string, Record<string, unknown>>;
    expect(fields.lastName).toEqual({ ...type.fields.lastName, strategy: 'manual' });
    expect(fields.phone).toEqual({ type: 'phone', defaultCountry: 'GB', strategy: 'latest' });
    expect(resolved(after).contact.fields.lastName.strategy).toBe('manual');
    // and a field strategy left out of fieldStrategies is removed
    const cleared = withEntityRules(after, resolved(after).contact, { fieldStrategies: { lastName: 'manual' } }) as ReturnType<typeof doc>;
    expect((cleared.entities.contact.fields as Record<string, Record<string, unknown>>).phone).toEqual({ type: 'phone', defaultCountry: 'GB' });
  });

  it('creates `entities` in a document that has none', () => {
    const d: Record<string, unknown> = { systems: doc().systems };
    const after = withEntityRules(d, resolved(d).contact, { strategy: 'precedence' }) as Record<string, unknown>;
    expect(after.entities).toEqual({ contact: { strategy: 'precedence' } });
  });
});

describe('rules request checks and error paths', () => {
  const type = resolved(doc()).contact;

  it('names unknown fields and malformed lists by the API\'s field', () => {
    expect(checkRulesRequest(type, {})).toEqual([expect.objectContaining({ path: '(body)' })]);
    expect(checkRulesRequest(type, { fieldStrategies: { nickname: 'manual' }, fieldPrecedence: { phone: [] } })).toEqual([
      { path: 'fieldPrecedence.phone', message: 'must be a non-empty list of system keys' },
      expect.objectContaining({ path: 'fieldStrategies.nickname', message: expect.stringContaining('unknown field "nickname" of contact') }),
    ]);
  });

  it('maps document paths of the type\'s rules to the API\'s', () => {
    const at = (path: string) => toRulesPath({ path, message: 'x' }, 'contact').path;
    expect(at('entities.contact.precedence.1')).toBe('precedence.1');
    expect(at('entities.contact.fieldPrecedence.foo')).toBe('fieldPrecedence.foo');
    expect(at('entities.contact.fields.lastName.strategy')).toBe('fieldStrategies.lastName');
    expect(at('entities.contact.strategy')).toBe('strategy');
    expect(at('entities.contact.fields.lastName.maxLength')).toBe('entities.contact.fields.lastName.maxLength');
    expect(at('systems.A.webhookSecret')).toBe('systems.A.webhookSecret');
  });
});
