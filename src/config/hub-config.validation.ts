import type { ResolvedEntityType } from '../catalog/catalog.types';
import { checkEntityTypes, resolveEntityTypes } from '../catalog/entity-type.resolver';
import { type ConfigError, isUnderPath, redactSubstitutions, resolveEnvReferences } from './hub-config.loader';
import type { HubConfig } from './hub-config.schema';
import { parseStructure, type StructureResult } from './hub-config.structure';
import { checkSystemEntity, checkSystemEntityNames, checkSystemSettings } from './hub-config.system-checks';

export type HubConfigValidation =
  | { ok: true; config: HubConfig; entityTypes: Record<string, ResolvedEntityType> }
  | { ok: false; errors: ConfigError[] };

/**
 * Validates a configuration document (already parsed from YAML/JSON) in the given environment and reports
 * every error at once, sorted by path.
 *
 * `${ENV}` references are resolved before the structural check so a reference may stand for any string
 * value (`baseUrl: ${CRM_URL}` is checked as a URL). Errors that merely follow from an earlier one at the
 * same place (a missing variable, then "invalid URL" for the unresolved text) are dropped, and a value taken
 * from the environment is never echoed in a message.
 */
export function validateHubConfig(raw: unknown, env: NodeJS.ProcessEnv): HubConfigValidation {
  const resolved = resolveEnvReferences(raw, env);
  const structure = parseStructure(resolved.value);
  const envPaths = resolved.errors.map((e) => e.path);
  const followOn = (e: ConfigError) => envPaths.some((p) => isUnderPath(e.path, p));
  const errors = [
    ...resolved.errors,
    ...[...structure.errors, ...semanticErrors(structure)].filter((e) => !followOn(e)),
  ].map((e) => ({ path: e.path, message: redactSubstitutions(e.message, resolved.substituted) }));
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, config: structure.config, entityTypes: resolveEntityTypes(structure.config) };
}

function semanticErrors({ config, brokenEntityTypes, brokenSystems }: StructureResult): ConfigError[] {
  const errors: ConfigError[] = checkEntityTypes(config).filter(
    (e) => ![...brokenEntityTypes].some((name) => isUnderPath(e.path, `entities.${name}`)),
  );
  const entityTypes = resolveEntityTypes(config);
  const known = Object.keys(entityTypes).sort().join(', ');
  for (const [key, system] of Object.entries(config.systems)) {
    const broken = brokenSystems.has(key);
    if (!broken) errors.push(...checkSystemSettings(key, system));
    errors.push(...checkSystemEntityNames(key, system));
    for (const [entityName, mapping] of Object.entries(system.entities)) {
      // A type declared with structural errors was left out of `config`; checking against the built-in
      // fallback would report fields the author did declare.
      if (brokenEntityTypes.has(entityName)) continue;
      const entityType = entityTypes[entityName];
      if (!entityType) {
        errors.push({ path: `systems.${key}.entities.${entityName}`, message: `unknown entity type "${entityName}" (known: ${known})` });
        continue;
      }
      errors.push(...checkSystemEntity(key, system, broken, entityName, mapping, entityType));
    }
  }
  return errors;
}

/** Sorted by path (numeric parts as numbers: matchOn.2 before matchOn.10), duplicates removed. */
export function sortErrors(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const k = `${e.path}\u0000${e.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }) || a.message.localeCompare(b.message));
}

/** `path: message` lines, the form used in logs and the start-up refusal. */
export function formatConfigErrors(errors: ConfigError[]): string {
  return errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
}
