import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import type { SuspectRulesConfig } from '../../config/hub-config.schema';
import { blockingKeys, ruleValuesDiffer } from './blocking-keys';

const type: Pick<ResolvedEntityType, 'fields'> = {
  fields: {
    firstName: { type: 'string' }, lastName: { type: 'string' }, phone: { type: 'phone' }, birthDate: { type: 'date' },
    company: { type: 'string' }, ssn: { type: 'string', sensitive: true }, notes: { type: 'text' },
  },
};
const PEOPLE: SuspectRulesConfig = {
  threshold: 0.85,
  rules: [{ fields: { lastName: { method: 'jaroWinkler', weight: 3 }, firstName: { method: 'jaroWinkler', weight: 2 }, birthDate: { method: 'exact', weight: 2 }, phone: { method: 'exact', weight: 3 } } }],
};
const jon = { firstName: 'Jon', lastName: 'Smith', phone: '+442079460000', birthDate: '1980-02-01' };
const keyText = (keys: { block: string; value: string; trigram: boolean }[]) => keys.map((k) => `${k.block}=${k.value}${k.trigram ? ' (trigram)' : ''}`).sort();

describe('blockingKeys', () => {
  it('pairs the fields of a rule, names by their primary phonetic code', () => {
    expect(keyText(blockingKeys(type, PEOPLE, jon))).toEqual([
      'birthDate+firstName=1980-02-01|JN',
      'birthDate+lastName=1980-02-01|SM0',
      'birthDate+phone=1980-02-01|+442079460000',
      'firstName+lastName=JN|SM0',
      'firstName+phone=JN|+442079460000',
      'lastName+phone=SM0|+442079460000',
    ]);
  });

  it('gives a pair that should meet the same keys: jon / john share all of them', () => {
    const john = { ...jon, firstName: 'John' };
    expect(keyText(blockingKeys(type, PEOPLE, john))).toEqual(keyText(blockingKeys(type, PEOPLE, jon)));
  });

  it('leaves out fields the record lacks', () => {
    expect(keyText(blockingKeys(type, PEOPLE, { lastName: 'Smith', phone: '+442079460000' }))).toEqual(['lastName+phone=SM0|+442079460000']);
    expect(blockingKeys(type, PEOPLE, { lastName: 'Smith' })).toEqual([]);
  });

  it('adds single keys for fields heavy enough alone, trigram keys, both phonetic codes, hashed sensitive values', () => {
    const rules: SuspectRulesConfig = {
      threshold: 0.9,
      rules: [{ fields: { ssn: { method: 'exact', weight: 4 }, lastName: { method: 'phonetic', weight: 1 }, company: { method: 'trigram', weight: 1 } } }],
    };
    const keys = keyText(blockingKeys(type, rules, { ssn: '123-45-6789', lastName: 'Schmidt', company: 'ACME Ltd.' }));
    expect(keys).toContain('company~=acme ltd (trigram)');
    expect(keys).toContain('lastName+ssn=XMT|sha256:' + keys.find((k) => k.startsWith('ssn='))!.slice('ssn=sha256:'.length));
    expect(keys).toContain('lastName+ssn=SMT|sha256:' + keys.find((k) => k.startsWith('ssn='))!.slice('ssn=sha256:'.length));
    expect(keys.filter((k) => k.startsWith('ssn='))).toHaveLength(1);
    expect(keys.join()).not.toContain('123-45-6789');
  });

  it('hashes very long values', () => {
    const rules: SuspectRulesConfig = { threshold: 1, rules: [{ fields: { notes: { method: 'exact', weight: 1 } } }] };
    const [key] = blockingKeys(type, rules, { notes: 'x'.repeat(500) });
    expect(key.value).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('ruleValuesDiffer', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['a rule field changed', { ...jon, firstName: 'John' }, true],
    ['only spelling changed', { ...jon, lastName: ' SMITH ' }, false],
    ['a field outside the rules changed', { ...jon, company: 'ACME' }, false],
    ['a rule field removed', { ...jon, phone: undefined }, true],
  ])('%s', (_name, next, expected) => {
    expect(ruleValuesDiffer(type, PEOPLE, jon, next)).toBe(expected);
  });
});
