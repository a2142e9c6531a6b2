import { describe, expect, it } from 'vitest';
import { type RecordChange, RecordStore } from './record-store';
import { type SystemDefinition, sequentialId } from './system-definition';
import { SystemHttpError } from './system-error';

const definition: SystemDefinition = {
  key: 'T',
  name: 'Test',
  updatedAtField: 'changed',
  entities: [
    { name: 'things', idField: 'ref', newId: sequentialId('T', 3), unique: ['code'], fields: { code: { type: 'string', required: true }, n: { type: 'integer' } } },
  ],
};

function store(times: string[] = []): { store: RecordStore; changes: RecordChange[] } {
  let i = 0;
  const s = new RecordStore(definition, () => new Date(times[Math.min(i++, times.length - 1)] ?? '2024-01-01T00:00:00Z'));
  const changes: RecordChange[] = [];
  s.onChange((c) => changes.push(c));
  return { store: s, changes };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof SystemHttpError ? `${err.status} ${err.code}` : String(err);
  }
  return undefined;
}

describe('RecordStore', () => {
  it('uses the definition\'s id and updated-at fields and emits one change per write', () => {
    const { store: s, changes } = store(['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z']);
    expect(s.create('things', { code: 'a' })).toEqual({ ref: 'T001', code: 'a', n: null, changed: '2024-01-01T00:00:00.000Z' });
    s.update('things', 'T001', { n: 2 });
    s.remove('things', 'T001');
    expect(changes.map((c) => [c.type, c.record.ref, c.record.n])).toEqual([['created', 'T001', null], ['updated', 'T001', 2], ['deleted', 'T001', 2]]);
  });

  it('does not use up an id on a refused create, and reset restarts ids silently', () => {
    const { store: s, changes } = store();
    expect(codeOf(() => s.create('things', { n: 1 }))).toBe('400 VALIDATION_FAILED');
    expect(s.create('things', { code: 'a' }).ref).toBe('T001');
    expect(codeOf(() => s.create('things', { code: 'A' }))).toBe('409 DUPLICATE');
    s.reset();
    expect(s.count('things')).toBe(0);
    expect(s.create('things', { code: 'a' }).ref).toBe('T001');
    expect(changes.map((c) => c.type)).toEqual(['created', 'created']);
  });

  it('hands out copies, so callers cannot change stored records', () => {
    const { store: s } = store();
    const created = s.create('things', { code: 'a' });
    created.code = 'changed';
    s.get('things', 'T001')!.code = 'changed too';
    expect(s.get('things', 'T001')!.code).toBe('a');
  });

  it('pages in (updated-at, id) order and resumes after a cursor or (since, afterId)', () => {
    const t = ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-01T00:00:05Z'];
    const { store: s } = store(t);
    for (const code of ['a', 'b', 'c', 'd']) s.create('things', { code });
    const ids = (page: { data: Record<string, unknown>[] }) => page.data.map((r) => r.ref);
    const first = s.page('things', { limit: 3 });
    expect(ids(first)).toEqual(['T001', 'T002', 'T003']);
    expect(ids(s.page('things', { limit: 3, cursor: first.next! }))).toEqual(['T004']);
    expect(s.page('things', { limit: 4 }).next).toBeNull();
    expect(ids(s.page('things', { limit: 10, updatedSince: '2024-01-01T00:00:00Z', afterId: 'T002' }))).toEqual(['T003', 'T004']);
    expect(ids(s.page('things', { limit: 10, updatedSince: '2024-01-01T00:00:01Z' }))).toEqual(['T004']);
    expect(codeOf(() => s.page('things', { limit: 1, filters: { nope: 'x' } }))).toBe('400 INVALID_FILTER');
    expect(codeOf(() => s.page('others', { limit: 1 }))).toBe('404 UNKNOWN_ENTITY');
  });
});
