import { ValidationError } from '../../common/domain-error';

export const MAX_SEARCH_LENGTH = 200;
const MAX_WORDS = 8;

/** A search text turned into what SQL matches: word prefixes over the record's strings, and a source-id prefix. */
export interface GoldenSearch {
  /** lower-case words, each to match as a prefix, all required (see GOLDEN_SEARCH_QUERY) */
  words: string[];
  /** LIKE pattern over lower(external_id): the whole text as a prefix, wildcards escaped */
  idPrefix: string;
}

/**
 * The tsquery for `words` ($n::text[]). PostgreSQL's parser keeps some strings whole (an e-mail: ada@example.com)
 * and splits others (987-65-4321 into 987, -65, -4321), and a half-typed word does not always parse like the whole
 * one ("ada@exa" parses as two words). So each word matches either as one quoted prefix ('ada@exa':*, which finds
 * the e-mail) or as the parser reads it (to_tsquery: '987':* <-> '-65':*, which finds the number). Words hold no
 * tsquery operator or quote (see parseGoldenSearch), so neither form can be injected into.
 */
export function goldenSearchQuery(param: string): string {
  return `(SELECT string_agg('(' || quote_literal(w) || ':* | ' || coalesce(nullif(to_tsquery('simple', w || ':*')::text, ''), quote_literal(w) || ':*') || ')', ' & ')::tsquery
            FROM unnest(${param}::text[]) AS w)`;
}

/**
 * Case-insensitive prefix search: the text split into words on anything but letters, digits and @ . _ + - (so no
 * tsquery operator, quote or backslash survives), at most 8 words; and the whole text as a source-id prefix.
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
  return { words, idPrefix: `${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}
