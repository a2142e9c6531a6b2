import type { FieldDef } from '../config/hub-config.schema';
import type { CanonicalRecord, FieldError, ResolvedEntityType } from './catalog.types';
import { isEmptyValue, isPlainObject } from './field-rules';
import { checkScalar } from './field-value.validator';

export interface ValidateOptions {
  /**
   * A partial change (e.g. one system's update or a steward's override) carries only some fields: absent
   * required fields are not reported, but a required field sent as empty is. The fields present are whole
   * values, so a nested object or list inside them is always checked in full.
   */
  partial?: boolean;
}

/**
 * Checks a canonical record against its entity type and returns every error (empty array = valid).
 * Values of sensitive fields never appear in an error (no `value`, "(hidden)" in the message), because
 * rejected changes are shown through the API and written to logs.
 */
export function validateRecord(
  entityType: ResolvedEntityType,
  record: CanonicalRecord,
  opts: ValidateOptions = {},
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isPlainObject(record)) {
    errors.push({ field: '', code: 'INVALID_RECORD', message: `A ${entityType.name} record must be a JSON object` });
    return errors;
  }
  validateFields(entityType.fields, record, '', opts.partial === true, false, errors);
  return errors;
}

function validateFields(
  fields: Record<string, FieldDef>,
  values: Record<string, unknown>,
  prefix: string,
  partial: boolean,
  sensitive: boolean,
  errors: FieldError[],
): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Object.hasOwn(fields, name)) {
      const field = prefix + name;
      errors.push(fieldError(field, 'UNKNOWN_FIELD', value, 'is not a field of this entity type', sensitive));
    }
  }
  for (const [name, def] of Object.entries(fields)) {
    const field = prefix + name;
    const present = Object.hasOwn(values, name) && values[name] !== undefined;
    const value = present ? values[name] : undefined;
    const hidden = sensitive || def.sensitive === true;
    if (def.required && isEmptyValue(value)) {
      if (present) errors.push(fieldError(field, 'REQUIRED', value, 'is empty, but the field is required', hidden));
      else if (!partial) errors.push(fieldError(field, 'REQUIRED', undefined, 'is required', hidden));
      continue;
    }
    // null is "this system says the field is empty": valid for any optional field.
    if (value === undefined || value === null) continue;
    validateValue(def, value, field, hidden, errors);
  }
}

function validateValue(def: FieldDef, value: unknown, field: string, hidden: boolean, errors: FieldError[]): void {
  if (def.type === 'list') {
    if (!Array.isArray(value)) {
      errors.push(fieldError(field, 'INVALID_LIST', value, 'is not a list', hidden));
      return;
    }
    // An unchecked list item type is a configuration error checkEntityTypes reports; here items pass.
    const items = def.items;
    if (items) value.forEach((item, i) => validateValue(items, item, `${field}.${i}`, hidden, errors));
    return;
  }
  if (def.type === 'object') {
    if (!isPlainObject(value)) {
      errors.push(fieldError(field, 'INVALID_OBJECT', value, 'is not an object', hidden));
      return;
    }
    // An object without declared fields is free-form (any JSON object).
    if (def.fields) validateFields(def.fields, value, `${field}.`, false, hidden, errors);
    return;
  }
  for (const p of checkScalar(def, value)) {
    const path = p.part ? `${field}.${p.part}` : field;
    const partValue = p.part && isPlainObject(value) ? value[p.part] : value;
    errors.push(fieldError(path, p.code, partValue, p.reason, hidden));
  }
}

/** Messages read "<field>: <value> <reason>" ("birthDate: "2024-02-30" is not a real calendar date"). */
function fieldError(field: string, code: string, value: unknown, reason: string, hidden: boolean): FieldError {
  if (value === undefined) return { field, code, message: `${field} ${reason}` };
  if (hidden) return { field, code, message: `${field}: value (hidden, sensitive field) ${reason}` };
  return { field, code, message: `${field}: ${describe(value)} ${reason}`, value };
}

function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
