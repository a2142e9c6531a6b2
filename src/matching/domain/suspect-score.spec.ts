import { describe, expect, it } from 'vitest';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import type { SuspectRulesConfig } from '../../config/hub-config.schema';
import { isSuspect, scorePair, scoreRule } from './suspect-score';

const contact: Pick<ResolvedEntityType, 'fields'> = {
  fields: {
    email: { type: 'email' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    phone: { type: 'phone', defaultCountry: 'GB' },
    birthDate: { type: 'date' },
    address: { type: 'object', fields: { postalCode: { type: 'string' } } },
  },
};
/** The rule of the issue: 3 + 2 + 2 + 3 = 10. */
const PEOPLE: SuspectRulesConfig = {
  threshold: 0.85,
  rules: [{
    fields: {
      lastName: { method: 'jaroWinkler', weight: 3 },
      firstName: { method: 'jaroWinkler', weight: 2 },
      birthDate: { method: 'exact', weight: 2 },
      phone: { method: 'exact', weight: 3 },
    },
  }],
};
const jon = { firstName: 'Jon', lastName: 'Smith', email: 'jon.smith@example.com', phone: '+442079460000', birthDate: '1980-02-01' };
const john = { firstName: 'John', lastName: 'Smith', email: 'jsmith@example.org', phone: '+442079460000', birthDate: '1980-02-01' };

describe('scoreRule', () => {
  it('scores the example pair field by field, weighted', () => {
    const r = scoreRule(contact, PEOPLE.rules[0], 0, jon, john);
    expect(r.fields).toEqual([
      { field: 'lastName', method: 'jaroWinkler', weight: 3, score: 1 },
      { field: 'firstName', method: 'jaroWinkler', weight: 2, score: 0.9333 },
      { field: 'birthDate', method: 'exact', weight: 2, score: 1 },
      { field: 'phone', method: 'exact', weight: 3, score: 1 },
    ]);
    expect(r.coverage).toBe(1);
    expect(r.score).toBeCloseTo((3 + 2 * 0.9333 + 2 + 3) / 10, 4);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, number | null, number]>([
    // one side lacks the birth date: left out of the mean, coverage 8/10 still enough
    ['a field one side lacks is no evidence', jon, { ...john, birthDate: undefined }, (3 + 2 * 0.9333 + 3) / 8, 0.8],
    ['a field neither holds is no evidence', { ...jon, phone: null }, { ...john, phone: undefined }, (3 + 2 * 0.9333 + 2) / 7, 0.7],
    // only the names: 5/10 < 0.6, two sparse "Smith"s do not look identical
    ['too little in common scores nothing', { firstName: 'Jon', lastName: 'Smith' }, { firstName: 'Jon', lastName: 'Smith', phone: '+442079460000' }, null, 0.5],
    ['nothing in common scores nothing', { email: 'a@x.io' }, { email: 'a@x.io' }, null, 0],
    ['a disagreeing exact field weighs in as 0', jon, { ...john, phone: '+442079460001' }, (3 + 2 * 0.9333 + 2) / 10, 1],
    ['normalisation: case, accents, phone spelling', { ...jon, lastName: 'SMÍTH', phone: '020 7946 0000' }, jon, 1, 1],
  ])('%s', (_name, a, b, expected, coverage) => {
    const r = scoreRule(contact, PEOPLE.rules[0], 0, a, b);
    expect(r.coverage).toBeCloseTo(coverage, 4);
    if (expected === null) expect(r.score).toBeNull();
    else expect(r.score).toBeCloseTo(expected, 3);
  });

  it('lets a rule lower its coverage', () => {
    const loose = { ...PEOPLE.rules[0], minCoverage: 0.5 };
    expect(scoreRule(contact, loose, 0, { firstName: 'Jon', lastName: 'Smith' }, { firstName: 'Jon', lastName: 'Smith' }).score).toBe(1);
  });

  it('reads nested fields by dot path', () => {
    const rule = { fields: { 'address.postalCode': { method: 'exact' as const, weight: 1 } } };
    expect(scoreRule(contact, rule, 0, { address: { postalCode: 'sw1a 1aa' } }, { address: { postalCode: 'SW1A 1AA' } }).score).toBe(1);
    expect(scoreRule(contact, rule, 0, { address: {} }, { address: { postalCode: 'SW1A 1AA' } }).score).toBeNull();
  });

  it('scales weights: only their ratios matter', () => {
    const times10 = { fields: Object.fromEntries(Object.entries(PEOPLE.rules[0].fields).map(([f, d]) => [f, { ...d, weight: d.weight * 10 }])) };
    expect(scoreRule(contact, times10, 0, jon, john).score).toBe(scoreRule(contact, PEOPLE.rules[0], 0, jon, john).score);
  });
});

describe('scorePair and the threshold', () => {
  const two: SuspectRulesConfig = {
    threshold: 0.9,
    rules: [PEOPLE.rules[0], { name: 'same email', fields: { email: { method: 'exact', weight: 1 }, lastName: { method: 'phonetic', weight: 1 } } }],
  };
  it('takes the best rule, the first on a tie', () => {
    const sameEmail = { ...john, email: jon.email, phone: '+441234567890', birthDate: '1990-01-01' };
    expect(scorePair(contact, two, jon, sameEmail)).toMatchObject({ ruleIndex: 1, score: 1 });
    expect(scorePair(contact, two, jon, jon)).toMatchObject({ ruleIndex: 0, score: 1 });
    expect(scorePair(contact, two, { email: 'x@y.io' }, { phone: '+442079460000' })).toBeNull();
  });

  it.each<[string, number, number, boolean]>([
    ['below', 0.85, 0.8499, false],
    ['exactly at (inclusive)', 0.85, 0.85, true],
    ['above', 0.85, 0.8501, true],
    ['threshold 1 needs a perfect score', 1, 0.9999, false],
    ['threshold 1, perfect', 1, 1, true],
  ])('threshold edge: %s', (_name, threshold, score, expected) => {
    expect(isSuspect({ threshold, rules: [] }, { ruleIndex: 0, score, fields: [] })).toBe(expected);
  });

  it('the example pair is a suspect at 0.85; an unrelated person is not', () => {
    expect(isSuspect(PEOPLE, scorePair(contact, PEOPLE, jon, john))).toBe(true);
    const ada = { firstName: 'Ada', lastName: 'Lovelace', phone: '+442071838750', birthDate: '1815-12-10' };
    expect(isSuspect(PEOPLE, scorePair(contact, PEOPLE, jon, ada))).toBe(false);
  });
});
