import type { FieldDef } from '../config/hub-config.schema';
import type { Converted, MappingContext, MappingError, MappingErrorCode, ValueScope } from './mapping.types';

/** Marks a value that could not be converted; its error is already in the scope. */
export const FAILED: unique symbol = Symbol('mapping-failed');
export type Failed = typeof FAILED;

/** Marks a mapped field the system record says nothing about (and that has no default): it stays absent. */
export const ABSENT: unique symbol = Symbol('mapping-absent');

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Records a failed conversion with both names, so an operator reading a rejected change sees which
 * system field held the value and which canonical field it was meant for.
 */
export function reportFailure(
  scope: ValueScope, value: unknown, code: MappingErrorCode, reason: string, direction: 'in' | 'out',
): Failed {
  const systemSide = `${scope.system} field "${scope.systemField}"`;
  const canonicalSide = `canonical field "${scope.field}"`;
  const route = direction === 'in' ? `${systemSide} → ${canonicalSide}` : `${canonicalSide} → ${systemSide}`;
  scope.errors.push({
    system: scope.system,
    field: scope.field,
    systemField: scope.systemField,
    value,
    code,
    message: `${route}: ${show(value)} ${reason}`,
  });
  return FAILED;
}

export function settle(scope: ValueScope, value: unknown, converted: Converted, direction: 'in' | 'out'): unknown {
  return converted.ok ? converted.value : reportFailure(scope, value, converted.code, converted.reason, direction);
}

/** Scope of one list item or object member: same system and resolver, its own paths and definition. */
export function childScope(scope: ValueScope, key: string | number, def: FieldDef, keepOptions: boolean): ValueScope {
  return {
    system: scope.system,
    field: `${scope.field}.${key}`,
    systemField: `${scope.systemField}.${key}`,
    def,
    // Members of an object without nested `fields` have no mapping options of their own, so they convert by
    // their FieldDef alone; list items share the list field's options (value maps, formats, nested fields).
    options: keepOptions ? scope.options : {},
    references: scope.references,
    chain: scope.chain,
    errors: scope.errors,
  };
}

/** Free-form objects (no nested FieldDefs) cross as JSON; cloning keeps callers from sharing mutable state. */
export function cloneJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** A mapping naming a canonical field the entity type lacks; checkMappingConfig rejects it, this guards stale configs. */
export function unknownField(ctx: MappingContext, canonical: string, systemField: string): MappingError {
  return unknownFieldError(ctx.system, canonical, systemField, `entity type ${ctx.entityType.name}`);
}

/** The same inside a nested mapping; `owner` names what lacks the field ("the object lines.0"). */
export function unknownFieldError(system: string, field: string, systemField: string, owner: string): MappingError {
  return {
    system,
    field,
    systemField,
    value: undefined,
    code: 'UNKNOWN_FIELD',
    message: `${system} maps "${systemField}" to "${field}", which ${owner} does not declare`,
  };
}
