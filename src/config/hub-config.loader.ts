import { parseDocument } from 'yaml';

/**
 * Reading the hub configuration document: text → plain data, and `${ENV}` references → values.
 * Pure: no file system, no process.env; callers pass the text and the environment.
 */

export interface ConfigError {
  /** dot path into the document (systems.B.entities.contact.fields.birthDate.format); ROOT_PATH for the whole document */
  path: string;
  message: string;
}

/** Path of errors about the document as a whole (syntax errors, a document that is not a mapping). */
export const ROOT_PATH = '(root)';

export type ParseResult = { ok: true; doc: unknown } | { ok: false; errors: ConfigError[] };

/**
 * Parses YAML or JSON (YAML 1.2 is a superset of JSON, so one parser serves both and errors carry lines for
 * either). Duplicate keys are errors: a second `email:` silently winning is how configurations rot.
 */
export function parseHubConfigText(text: string): ParseResult {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ path: ROOT_PATH, message: syntaxMessage(e.message, e.linePos?.[0]) })) };
  }
  try {
    return { ok: true, doc: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    // toJS throws for unresolved aliases and alias bombs, which parsing alone does not detect.
    return { ok: false, errors: [{ path: ROOT_PATH, message: `syntax error: ${(err as Error).message}` }] };
  }
}

function syntaxMessage(message: string, pos: { line: number; col: number } | undefined): string {
  // yaml's own message repeats the position and appends a source excerpt; keep one short line.
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return pos ? `syntax error at line ${pos.line}, column ${pos.col}: ${first}` : `syntax error: ${first}`;
}

export interface EnvResolution {
  value: unknown;
  errors: ConfigError[];
  /** variable name → the value substituted, so error messages can show `${NAME}` instead of a secret */
  substituted: Map<string, string>;
}

// `$${` escapes a literal `${`; otherwise `${NAME}` or `${NAME:-default}` (default may be empty, may not contain `}`).
const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const REFERENCE_BODY = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/**
 * Replaces `${VAR}` and `${VAR:-default}` inside every string value (not keys) of `doc`, returning a new
 * value; `doc` is not changed. Follows the shell: `:-` uses the default when the variable is unset or
 * empty. A reference without a default to an unset or empty variable is an error (a secret that silently
 * became "" would only fail later, at the first signature check), reported with the path of its string.
 */
export function resolveEnvReferences(doc: unknown, env: NodeJS.ProcessEnv): EnvResolution {
  const errors: ConfigError[] = [];
  const substituted = new Map<string, string>();
  const walk = (node: unknown, path: string[]): unknown => {
    if (typeof node === 'string') return resolveString(node, env, path.length ? path.join('.') : ROOT_PATH, errors, substituted);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, String(i)]));
    if (isPlainObject(node)) {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, [...path, key])]));
    }
    return node;
  };
  const value = walk(doc, []);
  return { value, errors, substituted };
}

function resolveString(
  text: string,
  env: NodeJS.ProcessEnv,
  path: string,
  errors: ConfigError[],
  substituted: Map<string, string>,
): string {
  if (!text.includes('${')) return text;
  if (text.replace(REFERENCE, '').includes('${')) {
    errors.push({ path, message: 'unterminated environment reference: "${" without a closing "}"' });
    return text;
  }
  return text.replace(REFERENCE, (whole, body: string | undefined) => {
    if (body === undefined) return '${';
    const m = REFERENCE_BODY.exec(body);
    if (!m) {
      errors.push({ path, message: `malformed environment reference "${whole}" (use \${NAME} or \${NAME:-default})` });
      return whole;
    }
    const [, name, fallback] = m;
    const value = env[name];
    if (value !== undefined && value !== '') {
      substituted.set(name, value);
      return value;
    }
    if (fallback !== undefined) return fallback;
    errors.push({ path, message: `environment variable ${name} is not set (referenced as "${whole}")` });
    return whole;
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Puts `${NAME}` back where a substituted value appears in a message: errors are shown in API answers and
 * logs, and the value may be a secret. Short values are left alone (replacing "1" everywhere would garble).
 */
export function redactSubstitutions(message: string, substituted: Map<string, string>): string {
  const byLength = [...substituted].filter(([, v]) => v.length >= 4).sort((a, b) => b[1].length - a[1].length);
  return byLength.reduce((msg, [name, value]) => msg.split(value).join(`\${${name}}`), message);
}

/** `a.b.c` is under `a.b` (or equal to it); used to drop follow-on errors at paths already reported. */
export function isUnderPath(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`);
}
