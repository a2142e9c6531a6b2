import doubleMetaphone from 'talisman/phonetics/double-metaphone';
import { similarity as jaccard } from 'talisman/metrics/jaccard';
import { similarity as jaroWinkler } from 'talisman/metrics/jaro-winkler';
import { trigrams } from 'talisman/tokenizers/ngrams';
import type { SimilarityMethod } from '../../config/hub-config.schema';

/**
 * Similarity in [0, 1] of two values already in comparable form (normalise.ts). The algorithms are talisman's
 * (a maintained library); only the glue is here.
 * - exact: 1 when equal, else 0;
 * - jaroWinkler: Jaro-Winkler (prefix scale 0.1), good for short names with typos (jon / john 0.93);
 * - trigram: Jaccard over the sets of word trigrams padded as PostgreSQL's pg_trgm pads them (two spaces before
 *   each word, one after), so the score agrees with pg_trgm's similarity() that pre-selects trigram candidates;
 * - phonetic: 1 when the Double Metaphone codes agree (primary or alternate, word by word), else 0.
 */
export function similarity(method: SimilarityMethod, a: string, b: string): number {
  if (a === b) return 1;
  switch (method) {
    case 'exact':
      return 0;
    case 'jaroWinkler':
      return jaroWinkler(a, b);
    case 'trigram':
      return jaccard(wordTrigrams(a), wordTrigrams(b));
    case 'phonetic': {
      const [a1, a2] = phoneticCodes(a);
      const [b1, b2] = phoneticCodes(b);
      if (a1 === '' || b1 === '') return 0;
      return a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2 ? 1 : 0;
    }
  }
}

export function wordTrigrams(text: string): string[] {
  return text.split(' ').filter(Boolean).flatMap((word) => trigrams(`  ${word} `));
}

/**
 * Double Metaphone of each word, joined by spaces: [primary, alternate]. Words without letters (digits) give
 * no code; a value made only of such words gives ['', ''].
 */
export function phoneticCodes(text: string): [string, string] {
  const cached = codeCache.get(text);
  if (cached) return cached;
  const codes = computeCodes(text);
  // Names repeat (a batch of 500 contacts has a few hundred distinct ones): a bounded cache, emptied when full.
  if (codeCache.size >= CODE_CACHE_SIZE) codeCache.clear();
  codeCache.set(text, codes);
  return codes;
}

const CODE_CACHE_SIZE = 20_000;
const codeCache = new Map<string, [string, string]>();

function computeCodes(text: string): [string, string] {
  const primary: string[] = [];
  const alternate: string[] = [];
  for (const word of text.split(' ')) {
    if (!/\p{L}/u.test(word)) continue;
    const [p, s] = doubleMetaphone(word);
    if (p === '' && s === '') continue;
    primary.push(p);
    alternate.push(s || p);
  }
  return [primary.join(' '), alternate.join(' ')];
}
