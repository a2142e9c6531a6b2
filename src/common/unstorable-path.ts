import { hasUnstorableText } from './json-limits';

/**
 * The dot path of the first string (value or key) holding text PostgreSQL cannot store, or '' for none.
 * Iterative with an explicit stack: it runs on request bodies whose depth is already bounded, but costs no stack anyway.
 */
export function firstUnstorablePath(value: unknown): string {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasUnstorableText(v)) return path;
    } else if (v !== null && typeof v === 'object') {
      const entries: (readonly [string, unknown])[] = Array.isArray(v) ? v.map((item: unknown, i) => [String(i), item] as const) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i];
        const at = path ? `${path}.${key}` : key;
        if (hasUnstorableText(key)) return at;
        stack.push({ value: item, path: at });
      }
    }
  }
  return '';
}
