import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../config/hub-config.schema';
import { comparable, normaliseText } from './normalise';

describe('normaliseText', () => {
  it.each([
    ['case', 'SMITH', 'smith'],
    ['accents', 'José Müller', 'jose muller'],
    ['letters NFKD keeps whole', 'Łukasz Øster Straße', 'lukasz oster strasse'],
    ['ligatures and compatibility forms', 'ﬁnn Ｓmith', 'finn smith'],
    ['apostrophes vanish', "O'Brien D’Arcy", 'obrien darcy'],
    ['other punctuation is a space', 'Smith-Jones, Jr.', 'smith jones jr'],
    ['whitespace collapses', '  Ada \t  Lovelace \n', 'ada lovelace'],
    ['nothing left', ' -- ', ''],
  ])('%s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe('comparable', () => {
  const name: FieldDef = { type: 'string' };
  const phone: FieldDef = { type: 'phone', defaultCountry: 'GB' };
  it.each<[string, FieldDef, 'exact' | 'jaroWinkler' | 'trigram' | 'phonetic', unknown, string | undefined]>([
    ['a name, for every method', name, 'exact', ' Jöhn ', 'john'],
    ['a name, fuzzy', name, 'jaroWinkler', 'Jöhn', 'john'],
    ['a phone, E.164 whatever the spelling', phone, 'exact', '020 7946 0000', '+442079460000'],
    ['a phone already canonical', phone, 'exact', '+442079460000', '+442079460000'],
    ['a date as written', { type: 'date' }, 'exact', '1980-02-01', '1980-02-01'],
    ['an email', { type: 'email' }, 'exact', 'Jon.Smith@Example.com', 'jon smith example com'],
    ['a decimal without trailing zeros', { type: 'decimal' }, 'exact', '1.50', '1.5'],
    ['absent', name, 'exact', undefined, undefined],
    ['null', name, 'exact', null, undefined],
    ['empty after normalising', name, 'jaroWinkler', ' . ', undefined],
    ['wrong type', name, 'exact', 42, undefined],
    ['an unparsable phone', phone, 'exact', 'call me', undefined],
  ])('%s', (_name, def, method, value, expected) => {
    expect(comparable(def, method, value)).toBe(expected);
  });
});
