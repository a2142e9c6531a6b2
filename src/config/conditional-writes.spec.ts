import { describe, expect, it } from 'vitest';
import { versionField, writesConditionally } from './conditional-writes';
import { systemEntitySchema, systemSchema } from './hub-config.schema';

describe('conditional writes settings', () => {
  it('are on only where the adapter says so, for REST and PostgreSQL adapters', () => {
    const system = (adapter: Record<string, unknown>) => systemSchema.parse({ adapter });
    expect(writesConditionally(system({ type: 'http', baseUrl: 'http://x', conditionalWrites: true }))).toBe(true);
    expect(writesConditionally(system({ type: 'postgres', url: 'postgres://x/db', conditionalWrites: true }))).toBe(true);
    expect(writesConditionally(system({ type: 'http', baseUrl: 'http://x' }))).toBe(false);
    expect(writesConditionally(systemSchema.parse({}))).toBe(false);
    expect(() => system({ type: 'webhook', url: 'http://x', secret: 'whsec_x', conditionalWrites: true })).toThrow();
  });

  it('the version field is the entity\'s version, else its updatedAt', () => {
    expect(versionField(systemEntitySchema.parse({ name: 't', updatedAt: 'modified_at' }))).toBe('modified_at');
    expect(versionField(systemEntitySchema.parse({ name: 't', updatedAt: 'modified_at', version: 'rev' }))).toBe('rev');
    expect(versionField(systemEntitySchema.parse({ name: 't' }))).toBeUndefined();
  });
});
