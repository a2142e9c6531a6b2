import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, fieldDefSchema, type FieldDef } from '../config/hub-config.schema';
import { BUILTIN_ENTITY_TYPES } from './builtin-entity-types';

function allFields(fields: Record<string, FieldDef>, prefix = ''): [string, FieldDef][] {
  return Object.entries(fields).flatMap(([name, def]) => [
    [prefix + name, def] as [string, FieldDef],
    ...allFields(def.fields ?? {}, `${prefix}${name}.`),
    ...(def.items ? allFields(def.items.fields ?? {}, `${prefix}${name}[].`) : []),
  ]);
}

describe('BUILTIN_ENTITY_TYPES', () => {
  it('declares contact, order, inventory and user with their match keys', () => {
    expect(Object.keys(BUILTIN_ENTITY_TYPES)).toEqual(['contact', 'order', 'inventory', 'user']);
    expect(BUILTIN_ENTITY_TYPES.contact.matchOn).toEqual(['email']);
    expect(BUILTIN_ENTITY_TYPES.order.matchOn).toEqual(['orderNumber']);
    expect(BUILTIN_ENTITY_TYPES.inventory.matchOn).toEqual(['sku']);
    expect(BUILTIN_ENTITY_TYPES.user.matchOn).toEqual(['username', 'email']);
  });

  it('uses only definitions the configuration schema accepts', () => {
    for (const [, type] of Object.entries(BUILTIN_ENTITY_TYPES)) {
      for (const [path, def] of allFields(type.fields)) {
        expect(fieldDefSchema.safeParse(def).success, path).toBe(true);
        expect(FIELD_TYPES).toContain(def.type);
      }
    }
  });

  it('marks the ssn sensitive and keeps source timestamps out', () => {
    expect(BUILTIN_ENTITY_TYPES.contact.fields.ssn.sensitive).toBe(true);
    const names = Object.values(BUILTIN_ENTITY_TYPES).flatMap((t) => Object.keys(t.fields));
    expect(names).not.toContain('updatedAt');
    expect(names).not.toContain('createdAt');
  });

  it('requires the match key of every single-key type', () => {
    for (const name of ['contact', 'order', 'inventory'] as const) {
      const [key] = BUILTIN_ENTITY_TYPES[name].matchOn as string[];
      expect(BUILTIN_ENTITY_TYPES[name].fields[key].required, name).toBe(true);
    }
  });
});
