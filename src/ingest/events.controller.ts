import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { EventDetailView, EventIdParamDto, EventQueryDto, EventView } from './events.dto';
import { EventsService } from './events.service';

/** Inbox events: what came in, what the pipeline did with it, and replay for stewards. Viewer role by default. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: 'Inbox events, newest first; page with ?before=<id of the last event>' })
  @ApiOkResponse({ type: [EventView] })
  list(@Query() q: EventQueryDto): Promise<EventView[]> {
    return this.events.list({ ...q, limit: q.limit ?? 100 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One inbox event with the payload as received (sensitive fields masked for non-admins)' })
  @ApiOkResponse({ type: EventDetailView })
  get(@Param() p: EventIdParamDto, @CurrentActor() actor: Actor): Promise<EventDetailView> {
    return this.events.get(p.id, actor);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ summary: 'Put a rejected or failed event back to pending (attempts reset); audited. EVENT_NOT_REPLAYABLE 409 otherwise' })
  @ApiOkResponse({ type: EventView })
  replay(@Param() p: EventIdParamDto, @CurrentActor() actor: Actor): Promise<EventView> {
    return this.events.replay(p.id, actor);
  }
}
