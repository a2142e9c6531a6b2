import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import type { RestPageShape } from '../common/page-models';
import { EventDetailView, EventPage, EventQueryDto, EventView } from './events.dto';
import { EventsService } from './events.service';

/** Inbox events: what came in, what the pipeline did with it, and replay for stewards. Viewer role by default. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ operationId: 'events', summary: 'Inbox events, newest first; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: EventPage })
  async list(@Query() q: EventQueryDto): Promise<RestPageShape<EventView>> {
    const { first, after, ...filter } = q;
    return toRestPage(await this.events.list(filter, first, after));
  }

  @Get(':id')
  @ApiParam({ name: 'id', description: 'inbox event id; not a positive integer: INVALID_ID (as in GraphQL)' })
  @ApiOperation({ operationId: 'event', summary: 'One inbox event with the payload as received (sensitive fields masked for non-admins)' })
  @ApiOkResponse({ type: EventDetailView })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<EventDetailView> {
    return this.events.get(id, actor);
  }

  @Post(':id/replay')
  @ApiParam({ name: 'id', description: 'inbox event id' })
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({
    operationId: 'replayEvent',
    summary: 'Put a rejected or failed event back to pending (attempts reset); audited. EVENT_NOT_REPLAYABLE 409 otherwise',
  })
  @ApiOkResponse({ type: EventView })
  replay(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<EventView> {
    return this.events.replay(id, actor);
  }
}
