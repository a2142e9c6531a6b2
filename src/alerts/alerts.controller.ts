import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toRestPage } from '../common/connection';
import type { RestPageShape } from '../common/page-models';
import { AlertModel, AlertPage, AlertQueryDto } from './alerts.dto';
import { AlertsService } from './alerts.service';

/** Open and resolved alerts, newest first. Viewer role: operators on call read them. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ operationId: 'alerts', summary: 'Alerts, newest first, open and resolved; filter by status or rule; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: AlertPage })
  async list(@Query() q: AlertQueryDto): Promise<RestPageShape<AlertModel>> {
    const { first, after, ...filter } = q;
    return toRestPage(await this.alerts.list(filter, first, after));
  }
}
