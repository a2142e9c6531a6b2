import { describe, expect, it } from 'vitest';
import { parseHubConfigText, redactSubstitutions, resolveEnvReferences } from './hub-config.loader';

describe('parseHubConfigText', () => {
  it('reads YAML and JSON alike', () => {
    expect(parseHubConfigText('systems:\n  A: { direction: in }\n')).toEqual({ ok: true, doc: { systems: { A: { direction: 'in' } } } });
    expect(parseHubConfigText('{"systems": {"A": {"direction": "in"}}}')).toEqual({ ok: true, doc: { systems: { A: { direction: 'in' } } } });
  });

  it('reports a YAML syntax error with its line and column', () => {
    const result = parseHubConfigText('entities:\n  contact:\n    matchOn: [email,\n  order: {}\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].path).toBe('(root)');
    expect(result.errors[0].message).toMatch(/^syntax error at line 4, column \d+: /);
    expect(result.errors[0].message).not.toContain('\n');
  });

  it('reports a JSON syntax error with its line', () => {
    const result = parseHubConfigText('{\n  "systems": {\n    "A": { "direction": "in" ]\n  }\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/^syntax error at line 3, column \d+/);
  });

  it('refuses duplicate keys and unresolved aliases', () => {
    const dup = parseHubConfigText('systems:\n  A: {}\n  A: {}\n');
    expect(dup.ok === false && dup.errors[0].message).toMatch(/^syntax error at line 3, column 3: Map keys must be unique/);
    const alias = parseHubConfigText('systems: *nowhere\n');
    expect(alias.ok === false && alias.errors[0].message).toMatch(/^syntax error/);
  });
});

describe('resolveEnvReferences', () => {
  const doc = {
    secret: '${SECRET}',
    url: 'http://${HOST:-localhost}:${PORT:-4001}/api',
    list: ['${SECRET}', 'plain', 3, true, null],
    nested: { literal: 'cost: $${PRICE}', keep: 'no references' },
  };

  it('replaces references inside strings, with defaults, and leaves the input untouched', () => {
    const copy = structuredClone(doc);
    const r = resolveEnvReferences(doc, { SECRET: 'whsec_abc', PORT: '8080' });
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      secret: 'whsec_abc',
      url: 'http://localhost:8080/api',
      list: ['whsec_abc', 'plain', 3, true, null],
      nested: { literal: 'cost: ${PRICE}', keep: 'no references' },
    });
    expect(doc).toEqual(copy);
    expect([...r.substituted]).toEqual([['SECRET', 'whsec_abc'], ['PORT', '8080']]);
  });

  it('reports every unset variable without a default, with its path', () => {
    const r = resolveEnvReferences(doc, { HOST: '' });
    expect(r.errors).toEqual([
      { path: 'secret', message: 'environment variable SECRET is not set (referenced as "${SECRET}")' },
      { path: 'list.0', message: 'environment variable SECRET is not set (referenced as "${SECRET}")' },
    ]);
    // an empty variable falls back to its default, as in the shell
    expect((r.value as { url: string }).url).toBe('http://localhost:4001/api');
  });

  it('treats an empty variable without a default as unset', () => {
    expect(resolveEnvReferences({ a: '${A}' }, { A: '' }).errors).toEqual([
      { path: 'a', message: 'environment variable A is not set (referenced as "${A}")' },
    ]);
  });

  it('reports malformed and unterminated references', () => {
    const r = resolveEnvReferences({ a: '${1BAD}', b: 'x ${OPEN', c: '${}' }, {});
    expect(r.errors.map((e) => e.path)).toEqual(['a', 'b', 'c']);
    expect(r.errors[0].message).toMatch(/^malformed environment reference "\${1BAD}"/);
    expect(r.errors[1].message).toMatch(/^unterminated environment reference/);
  });

  it('redacts substituted values from messages', () => {
    const substituted = new Map([['TOKEN', 'abcd-1234'], ['N', '1']]);
    expect(redactSubstitutions('Invalid URL (got "http://abcd-1234@1.example")', substituted)).toBe(
      'Invalid URL (got "http://${TOKEN}@1.example")',
    );
  });
});
