import { describe, expect, it } from 'vitest';
import { phoneticCodes, similarity, wordTrigrams } from './similarity';

describe('similarity', () => {
  it.each<[string, 'exact' | 'jaroWinkler' | 'trigram' | 'phonetic', string, string, number]>([
    ['exact, equal', 'exact', '1980-02-01', '1980-02-01', 1],
    ['exact, different', 'exact', '1980-02-01', '1980-02-02', 0],
    ['jaroWinkler, equal', 'jaroWinkler', 'smith', 'smith', 1],
    ['jaroWinkler, jon / john', 'jaroWinkler', 'jon', 'john', 0.9333],
    ['jaroWinkler, smith / smyth', 'jaroWinkler', 'smith', 'smyth', 0.8933],
    ['jaroWinkler, unrelated', 'jaroWinkler', 'smith', 'lovelace', 0],
    ['jaroWinkler, a transposition (martha / marhta)', 'jaroWinkler', 'martha', 'marhta', 0.9611],
    ['trigram, jon / john (as pg_trgm)', 'trigram', 'jon', 'john', 0.2857],
    ['trigram, word order does not matter', 'trigram', 'acme trading ltd', 'ltd acme trading', 1],
    ['phonetic, jon / john', 'phonetic', 'jon', 'john', 1],
    ['phonetic, catherine / katherine', 'phonetic', 'catherine', 'katherine', 1],
    ['phonetic, schmidt / smith through the alternate code', 'phonetic', 'schmidt', 'smith', 1],
    ['phonetic, different', 'phonetic', 'smith', 'jones', 0],
    ['phonetic, no letters', 'phonetic', '123', '124', 0],
  ])('%s', (_name, method, a, b, expected) => {
    expect(similarity(method, a, b)).toBeCloseTo(expected, 4);
  });

  it('pads word trigrams as pg_trgm does', () => {
    expect(wordTrigrams('jon')).toEqual(['  j', ' jo', 'jon', 'on ']);
    expect(wordTrigrams('a b')).toEqual(['  a', ' a ', '  b', ' b ']);
  });

  it('codes every word and skips words without letters', () => {
    expect(phoneticCodes('mary ann')).toEqual(['MR AN', 'MR AN']);
    expect(phoneticCodes('smith 2')).toEqual(['SM0', 'XMT']);
    expect(phoneticCodes('42')).toEqual(['', '']);
  });
});
