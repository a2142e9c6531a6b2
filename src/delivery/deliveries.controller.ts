import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import type { RestPageShape } from '../common/page-models';
import {
  CountView, DeliveryDetailView, DeliveryIdParamDto, DeliveryPage, DeliveryQueryDto, DeliveryView, FlushScheduleDto, LedgerPage,
  LedgerQueryDto, LedgerView, ReplayDeadLettersDto,
} from './deliveries.dto';
import { DeliveriesService } from './deliveries.service';

/** Outbound deliveries, dead letters and their replay. Reads need viewer, actions steward. */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('api')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get('deliveries')
  @ApiOperation({
    operationId: 'deliveries',
    summary: 'Deliveries (outbox rows), newest first; status=dead lists dead letters; page with ?after=<pageInfo.endCursor>',
  })
  @ApiOkResponse({ type: DeliveryPage })
  async list(@Query() q: DeliveryQueryDto): Promise<RestPageShape<DeliveryView>> {
    const { first, after, failing, ...filter } = q;
    return toRestPage(await this.deliveries.list({ ...filter, failing: failing === undefined ? undefined : failing === 'true' }, first, after));
  }

  @Post('deliveries/replay')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'replayDeadLetters', summary: 'Replay every dead letter (optionally of one system / entity type) that is still the newest for its record; audited' })
  @ApiOkResponse({ type: CountView })
  replay(@Body() body: ReplayDeadLettersDto, @CurrentActor() actor: Actor): Promise<CountView> {
    return this.deliveries.replay(body, actor);
  }

  @Post('deliveries/flush')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'flushDeliveries', summary: "Open a batch-mode system's window now: changes waiting for its schedule are sent at once; audited" })
  @ApiOkResponse({ type: CountView })
  @ApiNotFoundResponse({ description: 'SYSTEM_NOT_FOUND' })
  flush(@Body() body: FlushScheduleDto, @CurrentActor() actor: Actor): Promise<CountView> {
    return this.deliveries.flush(body.system, actor);
  }

  @Get('deliveries/:id')
  @ApiOperation({ operationId: 'delivery', summary: 'One delivery with its payload' })
  @ApiOkResponse({ type: DeliveryDetailView })
  @ApiNotFoundResponse({ description: 'DELIVERY_NOT_FOUND' })
  get(@Param() p: DeliveryIdParamDto): Promise<DeliveryDetailView> {
    return this.deliveries.get(p.id);
  }

  @Post('deliveries/:id/retry')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'retryDelivery', summary: 'Send a dead or paused delivery again now (attempts reset; resumes a record paused by the circuit breaker); audited' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiNotFoundResponse({ description: 'DELIVERY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'DELIVERY_NOT_RETRYABLE (not dead or paused), DELIVERY_SUPERSEDED (a newer delivery of the record exists)' })
  retry(@Param() p: DeliveryIdParamDto, @CurrentActor() actor: Actor): Promise<DeliveryView> {
    return this.deliveries.retry(p.id, actor);
  }

  @Get('delivery-ledger')
  @ApiOperation({
    operationId: 'deliveryLedger',
    summary: 'Per system and record (ordered by system, then golden id): last payload hash sent and acknowledged, attempts, last error, circuit breaker',
  })
  @ApiOkResponse({ type: LedgerPage })
  async ledger(@Query() q: LedgerQueryDto): Promise<RestPageShape<LedgerView>> {
    const paused = q.paused === undefined ? undefined : q.paused === 'true';
    return toRestPage(await this.deliveries.ledger({ system: q.system, goldenId: q.goldenId, paused }, q.first, q.after));
  }
}
