import { normaliseKeyValue, sha256Key } from '../../catalog/match-keys';
import type { FieldDef, SimilarityMethod } from '../../config/hub-config.schema';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Field types whose values are free text, compared with the fuzzy methods. */
export const TEXT_TYPES: readonly FieldDef['type'][] = ['string', 'text', 'email'];

// Letters NFKD does not decompose into a base letter plus marks.
const FOLDS: Record<string, string> = {
  'ß': 'ss', 'ẞ': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o', 'ł': 'l', 'Ł': 'l',
  'đ': 'd', 'Đ': 'd', 'ð': 'd', 'Ð': 'd', 'þ': 'th', 'Þ': 'th', 'ı': 'i', 'ħ': 'h', 'Ħ': 'h',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');

/**
 * Text as the fuzzy methods compare it: compatibility-decomposed, diacritics dropped (José → jose, Müller →
 * muller, Łukasz → lukasz), lower case, apostrophes removed (O'Brien → obrien), every other punctuation or
 * symbol a space (Smith-Jones → smith jones), whitespace collapsed and trimmed. Empty when nothing is left.
 */
export function normaliseText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(FOLD_RE, (c) => FOLDS[c])
    .toLowerCase()
    .replace(/['’`´ʼ]/gu, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * One field value in the form a method compares, or undefined when the record holds no usable value (absent,
 * empty, or not of the field's type). Text fields go through normaliseText for every method, so `exact` on a
 * name ignores case and accents too; other types take their match-key form (phone E.164, decimal without
 * trailing zeros, dates as written, which canonical values already make unique).
 */
export function comparable(def: FieldDef, method: SimilarityMethod, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (TEXT_TYPES.includes(def.type) || (method !== 'exact' && def.type === 'enum')) {
    if (typeof value !== 'string') return undefined;
    const text = normaliseText(value);
    return text === '' ? undefined : text;
  }
  // Golden phones are stored in E.164 already: parsing them again (libphonenumber, tens of µs) would change nothing.
  if (def.type === 'phone' && typeof value === 'string' && E164.test(value)) return value;
  const key = normaliseKeyValue(def, value);
  return key === undefined || key === '' ? undefined : key;
}

/** Values of sensitive fields are stored hashed in the blocking table, as match keys are. */
export function hashValue(value: string): string {
  return sha256Key(value);
}
