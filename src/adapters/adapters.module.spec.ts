import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { systemEntitySchema, systemSchema } from '../config/hub-config.schema';
import { AdapterRegistry } from './adapter-registry';
import { AdaptersModule } from './adapters.module';

describe('AdaptersModule', () => {
  it('provides one AdapterRegistry and closes its adapters when the application closes', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AdaptersModule] }).compile();
    await moduleRef.init();
    const registry = moduleRef.get(AdapterRegistry);
    const adapter = registry.get('A', systemSchema.parse({ adapter: { type: 'http', baseUrl: 'http://127.0.0.1:9' } }))!;
    await moduleRef.close();
    await expect(adapter.get(systemEntitySchema.parse({ name: 'contacts' }), '1')).rejects.toMatchObject({ code: 'ADAPTER_CLOSED' });
  });
});
