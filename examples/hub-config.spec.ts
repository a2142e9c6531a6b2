import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// Tests may read the hub's schema and validator; the demo systems themselves never import src/.
import { parseHubConfigText } from '../src/config/hub-config.loader';
import { hubConfigSchema } from '../src/config/hub-config.schema';
import { validateHubConfig } from '../src/config/hub-config.validation';
import type { SystemDefinition } from './shared/system-definition';
import { SYSTEM_A_DEFAULT_PORT, SYSTEM_A_DEFINITION, SYSTEM_A_DEMO_SECRET } from './system-a/system-a';
import { SYSTEM_B_DEFAULT_PORT, SYSTEM_B_DEFINITION, SYSTEM_B_DEMO_SECRET } from './system-b/system-b';
import { STOCK_ITEM_COLUMNS } from './system-c/system-c';

const text = readFileSync(path.join(__dirname, 'hub.config.yaml'), 'utf8');
const demoEnv = {
  SYSTEM_A_SECRET: SYSTEM_A_DEMO_SECRET,
  SYSTEM_B_SECRET: SYSTEM_B_DEMO_SECRET,
  SYSTEM_C_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/system_c',
};

function parsed(): unknown {
  const result = parseHubConfigText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.doc;
}

/** system field names a mapping of one entity reads or writes, including money currency fields */
function mappedSystemFields(fields: Record<string, unknown>): string[] {
  return Object.values(fields).flatMap((m) => {
    if (typeof m === 'string') return [m];
    const mapping = m as { field: string; money?: { currencyField?: string } };
    return mapping.money?.currencyField ? [mapping.field, mapping.money.currencyField] : [mapping.field];
  });
}

describe('examples/hub.config.yaml', () => {
  it('passes the hub\'s strict schema and its full validation with the demo environment', () => {
    const result = validateHubConfig(parsed(), demoEnv);
    expect(result.ok ? [] : result.errors).toEqual([]);
    // ${ENV} references are resolved before the structural check, as the hub does at start
    expect(() => hubConfigSchema.parse(validated(demoEnv))).not.toThrow();
  });

  it('refuses to start without the webhook secrets and C\'s URL', () => {
    const result = validateHubConfig(parsed(), {});
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['systems.A.webhookSecret', 'systems.B.webhookSecret', 'systems.C.adapter.url']));
  });

  it('points at the systems\' default ports, overridable by SYSTEM_A_URL / SYSTEM_B_URL', () => {
    const config = hubConfigSchema.parse(validated(demoEnv));
    expect(config.systems.A.adapter).toMatchObject({ type: 'http', baseUrl: `http://127.0.0.1:${SYSTEM_A_DEFAULT_PORT}` });
    expect(config.systems.B.adapter).toMatchObject({ type: 'http', baseUrl: `http://127.0.0.1:${SYSTEM_B_DEFAULT_PORT}` });
    const moved = hubConfigSchema.parse(validated({ ...demoEnv, SYSTEM_A_URL: 'http://127.0.0.1:50123' }));
    expect(moved.systems.A.adapter).toMatchObject({ baseUrl: 'http://127.0.0.1:50123' });
  });

  it('maps only fields the demo systems really have, with their id and updated-at fields', () => {
    const config = hubConfigSchema.parse(validated(demoEnv));
    const rest: [string, SystemDefinition][] = [['A', SYSTEM_A_DEFINITION], ['B', SYSTEM_B_DEFINITION]];
    for (const [key, definition] of rest) {
      for (const [entityType, mapping] of Object.entries(config.systems[key].entities)) {
        const def = definition.entities.find((e) => e.name === mapping.name);
        expect(def, `${key}.${entityType}`).toBeDefined();
        expect(mapping.id).toBe(def!.idField);
        expect(mapping.updatedAt).toBe(definition.updatedAtField);
        for (const field of mappedSystemFields(mapping.fields)) expect(Object.keys(def!.fields), `${key}.${entityType}.${field}`).toContain(field);
      }
    }
    const c = config.systems.C.entities.inventory;
    expect(c.name).toBe('stock_items');
    for (const column of [c.id, c.updatedAt!, ...mappedSystemFields(c.fields)]) expect(STOCK_ITEM_COLUMNS).toContain(column);
  });

  it('maps B\'s state codes and order statuses onto values B accepts', () => {
    const config = hubConfigSchema.parse(validated(demoEnv));
    const b = config.systems.B.entities;
    const customers = SYSTEM_B_DEFINITION.entities.find((e) => e.name === 'customers')!;
    const orders = SYSTEM_B_DEFINITION.entities.find((e) => e.name === 'orders')!;
    const accepted = (spec: unknown) => (spec as { values: readonly string[] }).values;
    const stateMap = (b.contact.fields.status as { values: Record<string, string> }).values;
    expect(Object.values(stateMap).sort()).toEqual([...accepted(customers.fields.state)].sort());
    const statusMap = (b.order.fields.status as { values: Record<string, string> }).values;
    expect(Object.values(statusMap).sort()).toEqual([...accepted(orders.fields.status)].sort());
  });
});

function validated(env: Record<string, string>): unknown {
  const result = validateHubConfig(parsed(), env);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}
