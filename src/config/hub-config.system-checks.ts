import { validateCronExpression } from 'cron';
import { DateTime } from 'luxon';
import ms from 'ms';
import { Webhook } from 'standardwebhooks';
import type { ResolvedEntityType } from '../catalog/catalog.types';
import { checkMappingConfig } from '../mapping/mapping-config.check';
import { versionField, writesConditionally } from './conditional-writes';
import type { ConfigError } from './hub-config.loader';
import type { Direction, SystemConfig, SystemEntityConfig } from './hub-config.schema';

/**
 * Semantic checks of one system's own settings (the zod schema has checked their shape): what the schema
 * cannot express, such as a valid cron expression or a poll without an adapter to poll.
 */
export function checkSystemSettings(key: string, system: SystemConfig): ConfigError[] {
  const at = `systems.${key}`;
  const errors: ConfigError[] = [];
  const push = (path: string, message: string) => errors.push({ path: `${at}${path ? `.${path}` : ''}`, message });

  if (system.webhookSecret !== undefined) {
    const problem = standardWebhooksSecretProblem(system.webhookSecret);
    if (problem) push('webhookSecret', problem);
  }
  (system.webhookSecrets ?? []).forEach((secret, i) => {
    const problem = standardWebhooksSecretProblem(secret);
    if (problem) push(`webhookSecrets.${i}`, problem);
  });
  const adapter = system.adapter;
  if (adapter?.type === 'postgres') {
    const problem = postgresUrlProblem(adapter.url);
    if (problem) push('adapter.url', problem);
  }
  if (adapter?.type === 'webhook') {
    if (system.direction !== 'out') {
      push('direction', `a webhook adapter only sends notifications, so direction must be "out" (is "${system.direction}")`);
    }
    const problem = standardWebhooksSecretProblem(adapter.secret);
    if (problem) push('adapter.secret', problem);
  }
  if (adapter?.type === 'http' && adapter.timeout !== undefined && durationMs(adapter.timeout) <= 0) {
    push('adapter.timeout', 'must be greater than zero');
  }

  if (system.poll) {
    const poll = system.poll;
    if (!adapter) push('poll', 'polling needs an adapter to list changes from; add systems.' + key + '.adapter');
    if (system.direction === 'out') push('poll', 'polling reads changes into the hub, but direction is "out"');
    if (poll.every === undefined && poll.cron === undefined) push('poll', 'give every (a duration) or cron');
    if (poll.every !== undefined && poll.cron !== undefined) push('poll', 'give every or cron, not both');
    if (poll.every !== undefined && durationMs(poll.every) <= 0) push('poll.every', 'must be greater than zero');
    if (poll.cron !== undefined) {
      const problem = cronProblem(poll.cron);
      if (problem) push('poll.cron', problem);
    }
    if (poll.initialSince !== undefined && !DateTime.fromISO(poll.initialSince, { setZone: true }).isValid) {
      push('poll.initialSince', `"${poll.initialSince}" is not an ISO 8601 date or date-time`);
    }
  }
  if (system.schedule) {
    const problem = cronProblem(system.schedule.cron);
    if (problem) push('schedule.cron', problem);
    if (system.direction === 'in') push('schedule', 'a schedule delays changes sent to the system, but direction is "in"');
  }
  if (system.delivery?.backoff !== undefined && durationMs(system.delivery.backoff) <= 0) {
    push('delivery.backoff', 'must be greater than zero');
  }
  return errors;
}

/**
 * Checks of one system's mapping of one entity type. `systemBroken` means the system's own settings did
 * not parse, so its direction is not known and direction checks are skipped.
 */
export function checkSystemEntity(
  key: string,
  system: SystemConfig,
  systemBroken: boolean,
  entityName: string,
  mapping: SystemEntityConfig,
  entityType: ResolvedEntityType,
): ConfigError[] {
  const at = `systems.${key}.entities.${entityName}`;
  // checkMappingConfig covers fields, formats, value maps, money and filter fields.
  const errors = checkMappingConfig(mapping, entityType).map((e) => ({ path: `${at}.${e.path}`, message: e.message }));
  if (writesConditionally(system) && versionField(mapping) === undefined) {
    errors.push({ path: `${at}.version`, message: 'conditionalWrites needs the field that changes with every write: give version or updatedAt' });
  }
  if (!systemBroken && mapping.direction && !allows(system.direction, mapping.direction)) {
    errors.push({
      path: `${at}.direction`,
      message: `"${mapping.direction}" is not possible for a system whose direction is "${system.direction}"`,
    });
  }
  return errors;
}

/** Two entity types mapped to one system name would make webhooks for that name ambiguous. */
export function checkSystemEntityNames(key: string, system: SystemConfig): ConfigError[] {
  const firstByName = new Map<string, string>();
  const errors: ConfigError[] = [];
  for (const [entityName, mapping] of Object.entries(system.entities)) {
    const first = firstByName.get(mapping.name);
    if (first) {
      errors.push({
        path: `systems.${key}.entities.${entityName}.name`,
        message: `"${mapping.name}" is already the name of systems.${key}.entities.${first}; each entity type needs its own`,
      });
    } else {
      firstByName.set(mapping.name, entityName);
    }
  }
  return errors;
}

/** The schema has already checked the form (digits + ms|s|m|h|d), which is a subset of what ms reads. */
function durationMs(duration: string): number {
  return ms(duration as ms.StringValue);
}

function allows(systemDirection: Direction, entityDirection: Direction): boolean {
  return systemDirection === 'both' || systemDirection === entityDirection;
}

export function cronProblem(expression: string): string | undefined {
  const { valid, error } = validateCronExpression(expression);
  return valid ? undefined : `invalid cron expression "${expression}": ${error?.message ?? 'not recognised'}`;
}

/** Standard Webhooks secrets are `whsec_` + base64 of the key; anything else cannot verify a signature. */
export function standardWebhooksSecretProblem(secret: string): string | undefined {
  if (!secret.startsWith('whsec_')) return 'must be a Standard Webhooks secret: "whsec_" followed by base64';
  try {
    new Webhook(secret);
    return undefined;
  } catch (err) {
    return `must be a Standard Webhooks secret: "whsec_" followed by base64 (${(err as Error).message})`;
  }
}

function postgresUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a PostgreSQL connection URL (postgres://user:password@host:5432/database)';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return `must be a PostgreSQL connection URL starting with postgres:// or postgresql:// (is ${parsed.protocol}//…)`;
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) return 'must name a host';
  return undefined;
}
