// talisman ships no type declarations; these cover the modules the matching core uses.
declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, boost threshold 0.7). */
  export function similarity(a: string, b: string): number;
}
declare module 'talisman/metrics/jaccard' {
  /** |A ∩ B| / |A ∪ B| over the distinct elements of two sequences. */
  export function similarity(a: readonly string[], b: readonly string[]): number;
}
declare module 'talisman/tokenizers/ngrams' {
  export function trigrams(sequence: string): string[];
}
declare module 'talisman/phonetics/double-metaphone' {
  /** [primary, secondary] codes */
  export default function doubleMetaphone(word: string): [string, string];
}
