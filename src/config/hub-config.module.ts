import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit/audit.module';
import { CatalogViewController } from './catalog-view.controller';
import { HubConfigController } from './hub-config.controller';
import { HubConfigService } from './hub-config.service';
import { HubConfigStore } from './hub-config.store';

/** Global: nearly every feature reads the configuration in force through HubConfigService.current(). */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [HubConfigController, CatalogViewController],
  providers: [HubConfigStore, HubConfigService],
  exports: [HubConfigService],
})
export class HubConfigModule {}
