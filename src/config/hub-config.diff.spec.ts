import { describe, expect, it } from 'vitest';
import { diffDocuments, pointerToPath, sameDocument } from './hub-config.diff';

describe('diffDocuments', () => {
  const before = {
    entities: { contact: { precedence: ['A', 'B'] } },
    systems: { A: { direction: 'both', poll: { every: '5m' } }, B: { schedule: { cron: '0 2 * * *' } } },
  };

  it('lists changes as dot paths, sorted', () => {
    const after = {
      entities: { contact: { precedence: ['B', 'A'] } },
      systems: { A: { direction: 'in' }, B: { schedule: { cron: '0 3 * * *' } }, C: { direction: 'out' } },
    };
    expect(diffDocuments(before, after)).toEqual([
      { op: 'replace', path: 'entities.contact.precedence.0' },
      { op: 'replace', path: 'entities.contact.precedence.1' },
      { op: 'replace', path: 'systems.A.direction' },
      { op: 'remove', path: 'systems.A.poll' },
      { op: 'replace', path: 'systems.B.schedule.cron' },
      { op: 'add', path: 'systems.C' },
    ]);
  });

  it('ignores key order, except the order systems are declared in', () => {
    const reordered = { systems: { A: { poll: { every: '5m' }, direction: 'both' }, B: before.systems.B }, entities: before.entities };
    expect(sameDocument(before, reordered)).toBe(true);
    expect(diffDocuments(before, reordered)).toEqual([]);
    const swapped = { entities: before.entities, systems: { B: before.systems.B, A: before.systems.A } };
    expect(sameDocument(before, swapped)).toBe(false);
    expect(diffDocuments(before, swapped)).toEqual([{ op: 'replace', path: 'systems' }]);
  });

  it('does not call an added system a reordering', () => {
    const added = { ...before, systems: { C: {}, ...before.systems } };
    expect(diffDocuments(before, added)).toEqual([{ op: 'add', path: 'systems.C' }]);
  });

  it('turns JSON pointers into dot paths, unescaping ~1 and ~0', () => {
    expect(pointerToPath('/systems/B/entities/contact/filter/a~1b~0c')).toBe('systems.B.entities.contact.filter.a/b~c');
    expect(pointerToPath('')).toBe('(root)');
  });
});
