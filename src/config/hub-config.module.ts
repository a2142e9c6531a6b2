import { Global, Module } from '@nestjs/common';
import { CatalogViewController } from './catalog-view.controller';
import { CatalogViewResolver } from './catalog-view.resolver';
import { HubConfigController } from './hub-config.controller';
import { HubConfigService } from './hub-config.service';
import { HubConfigStore } from './hub-config.store';

/** Global: nearly every feature reads the configuration in force through HubConfigService.current(). */
@Global()
@Module({
  controllers: [HubConfigController, CatalogViewController],
  providers: [HubConfigStore, HubConfigService, CatalogViewResolver],
  exports: [HubConfigService],
})
export class HubConfigModule {}
