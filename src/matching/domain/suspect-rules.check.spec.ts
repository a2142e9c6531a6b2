import { describe, expect, it } from 'vitest';
import { validateHubConfig } from '../../config/hub-config.validation';

function errors(suspects: unknown) {
  const result = validateHubConfig({
    entities: { contact: { fields: { address: { type: 'object', fields: { city: { type: 'string' } } } }, suspects } },
    systems: {},
  }, {});
  return result.ok ? [] : result.errors;
}

describe('suspect rules in the configuration', () => {
  it('accepts the example rule, nested fields and every method', () => {
    expect(errors({
      threshold: 0.85,
      rules: [
        { fields: { lastName: { method: 'jaroWinkler', weight: 3 }, firstName: { method: 'jaroWinkler', weight: 2 }, birthDate: { method: 'exact', weight: 2 }, phone: { method: 'exact', weight: 3 } } },
        { name: 'address', minCoverage: 1, fields: { 'address.city': { method: 'trigram', weight: 1 }, lastName: { method: 'phonetic', weight: 1 }, ssn: { method: 'exact', weight: 1 } } },
      ],
    })).toEqual([]);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['threshold 0', { threshold: 0, rules: [{ fields: { email: { method: 'exact', weight: 1 } } }] }, 'threshold', /greater than 0/],
    ['threshold above 1', { threshold: 1.5, rules: [{ fields: { email: { method: 'exact', weight: 1 } } }] }, 'threshold', /at most 1/],
    ['a weight of 0', { threshold: 0.9, rules: [{ fields: { email: { method: 'exact', weight: 0 } } }] }, 'rules.0.fields.email.weight', /greater than 0/],
    ['a negative weight', { threshold: 0.9, rules: [{ fields: { email: { method: 'exact', weight: -2 } } }] }, 'rules.0.fields.email.weight', /greater than 0/],
    ['an unknown method', { threshold: 0.9, rules: [{ fields: { email: { method: 'soundex', weight: 1 } } }] }, 'rules.0.fields.email.method', /must be one of/],
    ['no rules', { threshold: 0.9, rules: [] }, 'rules', /.+/],
    ['a rule without fields', { threshold: 0.9, rules: [{ fields: {} }] }, 'rules.0.fields', /at least one field/],
    ['an unknown field', { threshold: 0.9, rules: [{ fields: { nickname: { method: 'exact', weight: 1 } } }] }, 'rules.0.fields.nickname', /unknown field "nickname"/],
    ['an unknown nested field', { threshold: 0.9, rules: [{ fields: { 'address.street': { method: 'exact', weight: 1 } } }] }, 'rules.0.fields.address.street', /unknown field/],
    ['a method that does not fit the type', { threshold: 0.9, rules: [{ fields: { birthDate: { method: 'jaroWinkler', weight: 1 } } }] }, 'rules.0.fields.birthDate.method', /cannot compare a date field/],
    ['phonetic on an email', { threshold: 0.9, rules: [{ fields: { email: { method: 'phonetic', weight: 1 } } }] }, 'rules.0.fields.email.method', /cannot compare an? email field/],
    ['a method on an object', { threshold: 0.9, rules: [{ fields: { address: { method: 'exact', weight: 1 } } }] }, 'rules.0.fields.address.method', /cannot compare an? object field/],
    ['a fuzzy method on a sensitive field', { threshold: 0.9, rules: [{ fields: { ssn: { method: 'trigram', weight: 1 } } }] }, 'rules.0.fields.ssn.method', /sensitive/],
    ['an unknown key', { threshold: 0.9, rules: [{ fields: { email: { method: 'exact', weight: 1 } }, weight: 2 }] }, 'rules.0.weight', /unknown key/],
  ])('reports %s by path', (_name, suspects, path, message) => {
    const found = errors(suspects);
    expect(found.map((e) => e.path)).toContain(`entities.contact.suspects.${path}`);
    expect(found.find((e) => e.path === `entities.contact.suspects.${path}`)!.message).toMatch(message);
  });
});
