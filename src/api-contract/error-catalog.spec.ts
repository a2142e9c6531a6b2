import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_REGISTRIES, errorCatalog, errorCodesMarkdown } from './error-catalog';

const ROOT = path.resolve(__dirname, '../..');
const KIND_OF_CLASS: Record<string, string> = { NotFoundError: 'not_found', ValidationError: 'invalid' };

function sourceFiles(): string[] {
  return readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => path.join('src', f));
}

/** Each `new SomethingError('CODE', …)` in the hub's source, with the kind its class or last kind argument gives. */
function thrownCodes(): { code: string; kind: string | null; file: string }[] {
  const found: { code: string; kind: string | null; file: string }[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/new ([A-Z][A-Za-z]*Error)\(\s*'([A-Z][A-Z0-9_]+)'/g)) {
      const [, cls, code] = m;
      let kind: string | null = KIND_OF_CLASS[cls] ?? null;
      if (!kind) {
        // the kind is a later argument of the same call: read to its closing parenthesis
        let depth = 1;
        let i = (m.index ?? 0) + m[0].length;
        for (; depth > 0 && i < text.length; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
        const kinds = text.slice((m.index ?? 0) + m[0].length, i).match(/'(invalid|not_found|conflict|precondition_failed|unauthorized|forbidden|too_large|rate_limited|unavailable)'/g);
        kind = kinds ? kinds[kinds.length - 1].slice(1, -1) : null;
      }
      found.push({ code, kind, file });
    }
  }
  return found;
}

describe('the error catalog', () => {
  it('declares each code in exactly one registry: one code per fault', () => {
    const owners = new Map<string, string[]>();
    for (const [feature, registry] of Object.entries(ERROR_REGISTRIES)) {
      for (const code of Object.keys(registry)) owners.set(code, [...(owners.get(code) ?? []), feature]);
    }
    expect([...owners].filter(([, features]) => features.length > 1)).toEqual([]);
  });

  it('knows every code the source throws, with the status family the throw gives it', () => {
    const byCode = new Map(errorCatalog().map((e) => [e.code as string, e]));
    const thrown = thrownCodes();
    expect(thrown.length).toBeGreaterThan(80);
    const unknown = thrown.filter((t) => !byCode.has(t.code)).map((t) => `${t.code} (${t.file})`);
    expect(unknown).toEqual([]);
    const disagreeing = thrown
      .filter((t) => t.kind !== null && byCode.get(t.code)?.kind !== t.kind)
      .map((t) => `${t.code} is ${t.kind} in ${t.file} but ${byCode.get(t.code)?.kind} in its registry`);
    expect(disagreeing).toEqual([]);
  });

  it('describes every code in a sentence', () => {
    expect(errorCatalog().filter((e) => !/^[A-Z`].{10,}\.$/.test(e.description)).map((e) => e.code)).toEqual([]);
  });

  it('is what docs/error-codes.md says', () => {
    const file = path.join(ROOT, 'docs/error-codes.md');
    const expected = errorCodesMarkdown();
    if (process.env.UPDATE_ERROR_CODES) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});
