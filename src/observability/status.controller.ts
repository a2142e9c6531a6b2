import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { StatusService } from './status.service';
import type { StatusReport } from './status.types';

@ApiTags('operations')
@ApiBearerAuth()
@RequireRole('viewer')
@Controller('api/status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'status',
    summary: 'Operational status per system: last sync, records synced, errors, queue depth, open conflicts, execution time; hub totals and health',
  })
  @ApiOkResponse({ description: 'The status report (see docs/operations.md for every field; GraphQL: the StatusReport type)' })
  @ApiServiceUnavailableResponse({ description: 'STATUS_UNAVAILABLE: the database cannot be read' })
  report(): Promise<StatusReport> {
    return this.status.report();
  }
}
