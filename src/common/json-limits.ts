/**
 * Checks on a JSON text that run before it is parsed, so nothing recursive (the parser's prototype scan,
 * class-transformer, JSON.stringify of the payload) ever sees a document nested deeper than the limit.
 * Iterative over the bytes: the cost is one pass and constant stack whatever the input.
 */

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of objects and arrays in a JSON text (strings skipped); stops counting once past `stopAt`. */
export function jsonNestingDepth(text: Buffer | string, stopAt = Number.POSITIVE_INFINITY): number {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

// JSON escapes of NUL and of UTF-16 surrogates. An escape counts only when preceded by an even number of
// backslashes (else it is literal text). PostgreSQL's text and jsonb refuse NUL, and a surrogate on its own is no
// character at all; paired surrogates are fine, so pairs are removed before the test.
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;
const SURROGATE_PAIR_ESCAPE = /\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/g;
const SURROGATE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** True when a JSON text holds a NUL character or an unpaired surrogate, escaped (raw ones are not valid JSON). */
export function jsonHasUnstorableText(text: string): boolean {
  if (!text.includes('\\u')) return false;
  if (NUL_ESCAPE.test(text)) return true;
  return SURROGATE_ESCAPE.test(text.replace(SURROGATE_PAIR_ESCAPE, ''));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The same rule on an already decoded string (URL parameters, GraphQL string literals). */
export function hasUnstorableText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

export const UNSTORABLE_TEXT_MESSAGE = 'the request contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored';
