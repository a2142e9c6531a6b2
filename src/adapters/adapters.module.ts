import { Module } from '@nestjs/common';
import { AdapterRegistry } from './adapter-registry';

/** Exposes the AdapterRegistry; the registry and the adapters themselves are plain classes. */
@Module({
  providers: [{ provide: AdapterRegistry, useFactory: () => new AdapterRegistry() }],
  exports: [AdapterRegistry],
})
export class AdaptersModule {}
