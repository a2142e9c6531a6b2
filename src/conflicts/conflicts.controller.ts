import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import { idParamPipe } from '../common/id-param.pipe';
import { ConflictQueryService } from './conflict-query.service';
import { ResolveConflictDto, ResolveConflictsDto } from './conflict-resolution.dto';
import { ConflictResolutionService } from './conflict-resolution.service';
import { ConflictFacetsModel, ConflictModel, ConflictPageModel, ConflictResolutionResultsModel } from './conflict.model';
import { ConflictFilterQueryDto, ListConflictsQueryDto } from './conflicts.dto';

@ApiTags('conflicts')
@ApiBearerAuth()
@Controller('api/conflicts')
export class ConflictsController {
  constructor(
    private readonly queries: ConflictQueryService,
    private readonly resolution: ConflictResolutionService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'conflicts', summary: 'Conflicts, newest first, filtered by status, entityType, field, system, age and goldenRecordId; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: ConflictPageModel })
  async list(@Query() q: ListConflictsQueryDto, @CurrentActor() actor: Actor): Promise<ConflictPageModel> {
    return toRestPage(await this.queries.list(q, actor));
  }

  // Declared before :id, which would otherwise take "facets" for an id.
  @Get('facets')
  @ApiOperation({ operationId: 'conflictFacets', summary: 'Counts per status, entity type, field, system and age; each dimension counted under the other filters' })
  @ApiOkResponse({ type: ConflictFacetsModel })
  facets(@Query() q: ConflictFilterQueryDto): Promise<ConflictFacetsModel> {
    return this.queries.facets(q);
  }

  @Post('resolve')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'resolveConflicts', summary: 'Resolve several conflicts, each in its own transaction; one outcome per item, in order, with a code when it failed' })
  @ApiOkResponse({ type: ConflictResolutionResultsModel })
  @ApiBadRequestResponse({ description: 'INVALID_REQUEST (no items, too many, an item without a uuid id)' })
  @ApiForbiddenResponse({ description: 'ROLE_FORBIDDEN: needs the steward role' })
  async resolveMany(@Body() body: ResolveConflictsDto, @CurrentActor() actor: Actor): Promise<ConflictResolutionResultsModel> {
    return { results: await this.resolution.resolveMany(body.items, actor) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'conflict', summary: 'One conflict' })
  @ApiOkResponse({ type: ConflictModel })
  @ApiNotFoundResponse({ description: 'CONFLICT_NOT_FOUND' })
  get(@Param('id', idParamPipe('conflict')) id: string, @CurrentActor() actor: Actor): Promise<ConflictModel> {
    return this.queries.get(id, actor);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'resolveConflict', summary: "Resolve with a candidate system's value ({system}) or an explicit value ({value}); the golden field is pinned" })
  @ApiOkResponse({ type: ConflictModel })
  @ApiBadRequestResponse({ description: 'INVALID_RESOLUTION (neither or both, or not a candidate system), INVALID_VALUE (details name the field)' })
  @ApiForbiddenResponse({ description: 'ROLE_FORBIDDEN: needs the steward role' })
  @ApiNotFoundResponse({ description: 'CONFLICT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CONFLICT_ALREADY_RESOLVED, CONFLICT_SUPERSEDED (closed by a rule change), GOLDEN_RECORD_DELETED' })
  resolve(
    @Param('id', idParamPipe('conflict')) id: string,
    @Body() body: ResolveConflictDto,
    @CurrentActor() actor: Actor,
  ): Promise<ConflictModel> {
    return this.resolution.resolve(id, { system: body.system, value: body.value }, actor);
  }
}
