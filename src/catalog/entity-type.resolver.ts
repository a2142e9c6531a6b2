import type { EntityTypeConfig, HubConfig } from '../config/hub-config.schema';
import { BUILTIN_ENTITY_TYPES } from './builtin-entity-types';
import type { ResolvedEntityType } from './catalog.types';
import { checkEntityTypeDocument, type EntityTypeIssue } from './entity-type.checks';
import { ownEntry } from './field-rules';

/**
 * Merges the built-in entity types with `config.entities`:
 * - a built-in type named in the configuration keeps its fields; a configured field replaces the built-in
 *   field of the same name whole (no deep merge, so a field's definition is always what one author wrote);
 *   matchOn, precedence, fieldPrecedence, strategy, deletePolicy and suspects replace the built-in ones when given;
 * - any other name declares a new entity type.
 * Precedence lists are completed to total orders: the systems named come first, the remaining systems follow
 * in declaration order (Object.keys(config.systems)); a fieldPrecedence list is completed by the entity type's
 * precedence. So survivorship never meets a system without a rank.
 * Returned objects are fresh copies: callers may keep or change them without touching the defaults.
 * Assumes a structurally valid document; semantic errors are reported by checkEntityTypes, not thrown here.
 */
export function resolveEntityTypes(config: HubConfig): Record<string, ResolvedEntityType> {
  const configured = config.entities ?? {};
  const systems = Object.keys(config.systems ?? {});
  const names = [...new Set([...Object.keys(BUILTIN_ENTITY_TYPES), ...Object.keys(configured)])];
  return Object.fromEntries(
    names.map((name) => [name, resolveOne(name, ownEntry(BUILTIN_ENTITY_TYPES, name), ownEntry(configured, name), systems)]),
  );
}

/**
 * Semantic errors of the document's `entities` section (the zod schema checks structure), each with the full
 * path of the offending node, e.g. `entities.contact.fields.status.values`. Built-in definitions are checked
 * too (and are expected to pass), because a configured field may break them (a matchOn field re-typed as list).
 */
export function checkEntityTypes(config: HubConfig): EntityTypeIssue[] {
  return checkEntityTypeDocument(config, resolveEntityTypes(config));
}

function resolveOne(
  name: string,
  builtin: EntityTypeConfig | undefined,
  configured: EntityTypeConfig | undefined,
  systems: string[],
): ResolvedEntityType {
  const pick = <K extends keyof EntityTypeConfig>(key: K): EntityTypeConfig[K] | undefined =>
    configured?.[key] ?? builtin?.[key];
  const precedence = completeOrder(pick('precedence') ?? [], systems);
  const fieldPrecedence = Object.fromEntries(
    Object.entries(pick('fieldPrecedence') ?? {}).map(([field, order]) => [field, completeOrder(order, precedence)]),
  );
  const description = pick('description');
  const suspects = pick('suspects');
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    ...(suspects !== undefined ? { suspects: structuredClone(suspects) } : {}),
    fields: structuredClone({ ...builtin?.fields, ...configured?.fields }),
    matchOn: (pick('matchOn') ?? []).map((key) => (typeof key === 'string' ? [key] : [...key])),
    precedence,
    fieldPrecedence,
    strategy: pick('strategy') ?? 'merge',
    deletePolicy: pick('deletePolicy') ?? 'tombstone',
  };
}

function completeOrder(given: readonly string[], all: readonly string[]): string[] {
  const order = [...new Set(given)];
  for (const system of all) if (!order.includes(system)) order.push(system);
  return order;
}
