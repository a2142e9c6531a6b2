import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit/audit.module';
import { CatalogViewController } from './catalog-view.controller';
import { ConfigVersionsRepository } from './config-versions.repository';
import { HubConfigResolver } from './hub-config.resolver';
import { HubConfigController } from './hub-config.controller';
import { HubConfigService } from './hub-config.service';
import { HubConfigStore } from './hub-config.store';

/** Global: nearly every feature reads the configuration in force through HubConfigService.current(). */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [HubConfigController, CatalogViewController],
  providers: [HubConfigStore, ConfigVersionsRepository, HubConfigService, HubConfigResolver],
  exports: [HubConfigService],
})
export class HubConfigModule {}
