import { compare } from 'fast-json-patch';
import stringify from 'safe-stable-stringify';
import { isPlainObject, ROOT_PATH } from './hub-config.loader';

export interface ConfigChange {
  op: 'add' | 'remove' | 'replace';
  /** dot path into the document (systems.B.schedule.cron); ROOT_PATH when the whole document differs */
  path: string;
}

/**
 * Whether two raw documents declare the same configuration. Key order is ignored (it carries no meaning,
 * and YAML re-indentation must not create versions) except for the order of `systems`: systems not named
 * in a precedence list rank in declaration order, so reordering them changes survivorship.
 */
export function sameDocument(a: unknown, b: unknown): boolean {
  return stringify(a) === stringify(b) && !systemOrderChanged(a, b);
}

/** What changes from `before` to `after`, as readable operations sorted by path. */
export function diffDocuments(before: unknown, after: unknown): ConfigChange[] {
  if (!isPlainObject(before) || !isPlainObject(after)) {
    return sameDocument(before, after) ? [] : [{ op: 'replace', path: ROOT_PATH }];
  }
  const changes: ConfigChange[] = compare(before, after)
    .filter((op): op is typeof op & { op: ConfigChange['op'] } => op.op === 'add' || op.op === 'remove' || op.op === 'replace')
    .map((op) => ({ op: op.op, path: pointerToPath(op.path) }));
  if (systemOrderChanged(before, after) && !changes.some((c) => c.path === 'systems')) {
    changes.push({ op: 'replace', path: 'systems' });
  }
  return changes.sort((x, y) => x.path.localeCompare(y.path, 'en', { numeric: true }) || x.op.localeCompare(y.op));
}

/** RFC 6901 pointer (/systems/B/entities) → dot path (systems.B.entities). */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return ROOT_PATH;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Whether the systems both documents declare appear in a different order (added or removed ones aside). */
function systemOrderChanged(a: unknown, b: unknown): boolean {
  const keysA = systemKeys(a);
  const keysB = systemKeys(b);
  const common = (keys: string[], other: string[]) => keys.filter((k) => other.includes(k)).join('\u0000');
  return common(keysA, keysB) !== common(keysB, keysA);
}

function systemKeys(doc: unknown): string[] {
  return isPlainObject(doc) && isPlainObject(doc.systems) ? Object.keys(doc.systems) : [];
}
