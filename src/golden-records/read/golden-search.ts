import { ValidationError } from '../../common/domain-error';

export const MAX_SEARCH_LENGTH = 200;
const MAX_WORDS = 8;

/** A search text turned into what SQL matches: word prefixes over the record's strings, and a source-id prefix. */
export interface GoldenSearch {
  /** tsquery text: every word as a prefix, all required (`'ada':* & 'lov':*`) */
  tsquery: string;
  /** LIKE pattern over lower(external_id): the whole text as a prefix, wildcards escaped */
  idPrefix: string;
}

/**
 * Case-insensitive prefix search. Words split where PostgreSQL's parser splits them (spaces, apostrophes, …) but an
 * e-mail stays whole, so "ada@exa" finds ada@example.com and "o'brien" finds O'Brien. The lexemes are quoted and
 * cast as tsquery text, never run through to_tsquery, so operators typed by a user (&, |, !) are plain characters.
 */
export function parseGoldenSearch(text: string): GoldenSearch {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_SEARCH_LENGTH) {
    throw new ValidationError('INVALID_SEARCH', `search must be 1 to ${MAX_SEARCH_LENGTH} characters`, [
      { path: 'search', message: `must be 1 to ${MAX_SEARCH_LENGTH} characters`, value: text },
    ]);
  }
  const lower = trimmed.toLowerCase();
  const words = lower.split(/[^\p{L}\p{N}@._+-]+/u).filter((w) => w.length > 0).slice(0, MAX_WORDS);
  // Only separators typed (e.g. "&&"): nothing can match a word, but a source id still may.
  const tsquery = words.length ? words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`).join(' & ') : `''`;
  return { tsquery, idPrefix: `${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}
