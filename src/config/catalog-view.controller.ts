import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { EntityTypeViewModel, SystemViewModel } from './hub-config.model';
import { HubConfigService } from './hub-config.service';
import { entityTypeViews, systemViews } from './hub-config.views';

/** Read-only views of the configuration in force, for viewers (no secrets: see hub-config.views.ts). */
@ApiTags('configuration')
@ApiBearerAuth()
@RequireRole('viewer')
@Controller('api')
export class CatalogViewController {
  constructor(private readonly config: HubConfigService) {}

  @Get('systems')
  @ApiOperation({ operationId: 'systems', summary: 'Systems: direction, adapter type, entities mapped, polling and schedule' })
  @ApiOkResponse({ type: [SystemViewModel], description: 'one entry per system, in declaration order (the whole list: it is the configuration, not a stored list)' })
  systems() {
    return systemViews(this.config.current());
  }

  @Get('entity-types')
  @ApiOperation({ operationId: 'entityTypes', summary: 'Entity types as resolved (built-ins merged with the configuration): fields, match keys, precedence' })
  @ApiOkResponse({ type: [EntityTypeViewModel], description: 'one entry per entity type (the whole list)' })
  entityTypes() {
    return entityTypeViews(this.config.current());
  }
}
