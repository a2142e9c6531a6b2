import { DomainError } from '../common/domain-error';
import type { ConfigError } from './hub-config.loader';
import type { StoredConfig } from './hub-config.store';
import { formatConfigErrors } from './hub-config.validation';

/** The configuration's errors: invalid documents, a stale optimistic lock, and the start-up refusal. */

export function configInvalidError(errors: ConfigError[], where?: string): DomainError {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  const message = `Invalid hub configuration${where ? ` in ${where}` : ''} (${count}):\n${formatConfigErrors(errors)}`;
  return new DomainError('HUB_CONFIG_INVALID', message, 'invalid', errors.map((e) => ({ path: e.path, message: e.message })));
}

export function versionMismatchError(expected: number, current: number): DomainError {
  return new DomainError(
    'CONFIG_VERSION_MISMATCH',
    `the change was based on configuration version ${expected}, but version ${current} is the newest: read it again and reapply the change`,
    'precondition_failed',
    [
      { path: 'expectedVersion', message: 'the version the change was based on (If-Match)', value: expected },
      { path: 'currentVersion', message: 'the newest stored version', value: current },
    ],
  );
}

/** The start-up refusal: names both versions and the two ways on. */
export function fileConflictError(path: string, api: StoredConfig, lastFromFile: StoredConfig | undefined): DomainError {
  const since = lastFromFile ? `changed since it produced configuration version ${lastFromFile.version}` : 'has never been loaded into this database';
  return new DomainError(
    'HUB_CONFIG_CONFLICT',
    `Refusing to start: HUB_CONFIG ${path} ${since}, and version ${api.version} was stored through the API after that `
      + `(by ${api.createdBy ?? 'unknown'} at ${api.createdAt.toISOString()}). Applying the file would silently replace that change.\n`
      + `  To apply the file anyway (version ${api.version} stays in the history): set HUB_CONFIG_OVERWRITE=true.\n`
      + `  To keep version ${api.version}: start the hub once without HUB_CONFIG (node dist/src/main.js), export it with `
      + `GET /api/config/versions/${api.version}?format=yaml, merge it into ${path}, and start again.`,
    'conflict',
    [
      { path: 'HUB_CONFIG', message: `the file ${since}`, value: lastFromFile?.version ?? null },
      { path: 'apiVersion', message: 'the newest version, stored through the API', value: api.version },
    ],
  );
}
