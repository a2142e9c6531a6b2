import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit/audit.module';
import { CatalogViewController } from './catalog-view.controller';
import { ConfigVersionsRepository } from './config-versions.repository';
import { HubConfigResolver } from './hub-config.resolver';
import { HubConfigController } from './hub-config.controller';
import { HubConfigService } from './hub-config.service';
import { HubConfigStore } from './hub-config.store';
import { RulesController } from './rules/rules.controller';
import { RulesResolver } from './rules/rules.resolver';
import { RulesService } from './rules/rules.service';

/** Global: nearly every feature reads the configuration in force through HubConfigService.current(). */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [HubConfigController, CatalogViewController, RulesController],
  providers: [HubConfigStore, ConfigVersionsRepository, HubConfigService, HubConfigResolver, RulesService, RulesResolver],
  exports: [HubConfigService],
})
export class HubConfigModule {}
