import type { z } from 'zod';
import { type ConfigError, isPlainObject, ROOT_PATH } from './hub-config.loader';
import {
  entityTypeSchema,
  type HubConfig,
  hubConfigSchema,
  type SystemConfig,
  systemEntitySchema,
  systemSchema,
} from './hub-config.schema';

type Issue = z.core.$ZodIssue;

export interface StructureResult {
  /**
   * The document with defaults applied. When it has structural errors, only its valid parts: so the semantic
   * checks can still run on them and the author sees every error in one pass instead of one layer at a time.
   */
  config: HubConfig;
  errors: ConfigError[];
  /** entity types declared with structural errors: checks that would read them are skipped */
  brokenEntityTypes: Set<string>;
  /** systems whose own settings (outside `entities`) have structural errors: kept as stubs for name checks */
  brokenSystems: Set<string>;
}

export function parseStructure(doc: unknown): StructureResult {
  const parsed = hubConfigSchema.safeParse(doc, { reportInput: true });
  const empty = { brokenEntityTypes: new Set<string>(), brokenSystems: new Set<string>() };
  if (parsed.success) return { config: parsed.data, errors: [], ...empty };
  const errors = parsed.error.issues.flatMap((issue) => issueErrors(issue));
  if (!isPlainObject(doc)) return { config: hubConfigSchema.parse({}), errors, ...empty };
  return { ...salvage(doc), errors };
}

/** Parses each entity type, system and system entity on its own, keeping the ones that are valid. */
function salvage(doc: Record<string, unknown>): Omit<StructureResult, 'errors'> {
  const brokenEntityTypes = new Set<string>();
  const brokenSystems = new Set<string>();
  const entities: HubConfig['entities'] = {};
  for (const [name, raw] of Object.entries(isPlainObject(doc.entities) ? doc.entities : {})) {
    const r = entityTypeSchema.safeParse(raw);
    if (r.success) entities[name] = r.data;
    else brokenEntityTypes.add(name);
  }
  const systems: HubConfig['systems'] = {};
  for (const [name, raw] of Object.entries(isPlainObject(doc.systems) ? doc.systems : {})) {
    const own = isPlainObject(raw) ? systemSchema.safeParse({ ...raw, entities: {} }) : undefined;
    if (!own?.success) brokenSystems.add(name);
    // A stub keeps the name declared (precedence lists may name it) without inventing settings to check.
    const system: SystemConfig = own?.success ? own.data : { direction: 'both', entities: {} };
    const rawEntities = isPlainObject(raw) && isPlainObject(raw.entities) ? raw.entities : {};
    for (const [entity, mapping] of Object.entries(rawEntities)) {
      const r = systemEntitySchema.safeParse(mapping);
      if (r.success) system.entities[entity] = r.data;
    }
    systems[name] = system;
  }
  return { config: { entities, systems }, brokenEntityTypes, brokenSystems };
}

/** One zod issue → errors at dot paths with messages written for someone editing YAML. */
export function issueErrors(issue: Issue, prefix: PropertyKey[] = []): ConfigError[] {
  const path = [...prefix, ...issue.path];
  const at = dotPath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: dotPath([...path, key]), message: `unknown key "${key}"` }));
    case 'invalid_union':
      return unionErrors(issue, path);
    case 'invalid_type':
      return [{
        path: at,
        message: issue.input === undefined ? `is required (${article(issue.expected)})` : `must be ${article(issue.expected)}, got ${kindOf(issue.input)}`,
      }];
    case 'invalid_value':
      return [{ path: at, message: `must be ${oneOf(issue.values)}${got(issue.input)}` }];
    case 'invalid_key':
      return [{ path: at, message: `invalid name: ${issue.issues.map((i) => i.message).join('; ')}` }];
    default:
      return [{ path: at, message: `${issue.message}${got(issue.input)}` }];
  }
}

function unionErrors(issue: Extract<Issue, { code: 'invalid_union' }>, path: PropertyKey[]): ConfigError[] {
  const at = dotPath(path);
  if (issue.discriminator && 'options' in issue && issue.options) {
    const value = isPlainObject(issue.input) ? issue.input[issue.discriminator] : undefined;
    return [{ path: at, message: `must be ${oneOf(issue.options)}${got(value)}` }];
  }
  // A union like `string | mapping`: the branch whose root type fits the input is what the author meant.
  const rootTypeMiss = (branch: Issue[]) => branch.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  const fitting = issue.errors.filter((branch) => !rootTypeMiss(branch));
  if (fitting.length === 1) return fitting[0].flatMap((i) => issueErrors(i, path));
  const expected = [...new Set(issue.errors.flat().flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [i.expected] : [])))];
  if (fitting.length === 0 && expected.length > 0) {
    return [{ path: at, message: `must be ${expected.map(article).join(' or ')}, got ${kindOf(issue.input)}` }];
  }
  return [{ path: at, message: issue.message }];
}

export function dotPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : ROOT_PATH;
}

function article(type: string): string {
  const nouns: Record<string, string> = { object: 'a mapping', record: 'a mapping', array: 'a list', int: 'an integer' };
  return nouns[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

function got(input: unknown): string {
  return input === undefined || typeof input === 'object' ? '' : ` (got ${JSON.stringify(input)})`;
}
