import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../golden-records/read/connection';
import { idParamPipe } from '../golden-records/read/id-param.pipe';
import { ConflictQueryService } from './conflict-query.service';
import { ResolveConflictDto } from './conflict-resolution.dto';
import { ConflictResolutionService } from './conflict-resolution.service';
import { ConflictModel, ConflictPageModel } from './conflict.model';
import { ListConflictsQueryDto } from './conflicts.dto';

@ApiTags('conflicts')
@ApiBearerAuth()
@Controller('api/conflicts')
export class ConflictsController {
  constructor(
    private readonly queries: ConflictQueryService,
    private readonly resolution: ConflictResolutionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Conflicts, newest first; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: ConflictPageModel })
  async list(@Query() q: ListConflictsQueryDto, @CurrentActor() actor: Actor): Promise<ConflictPageModel> {
    return toRestPage(await this.queries.list(q, actor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One conflict' })
  @ApiOkResponse({ type: ConflictModel })
  @ApiNotFoundResponse({ description: 'CONFLICT_NOT_FOUND' })
  get(@Param('id', idParamPipe('conflict')) id: string, @CurrentActor() actor: Actor): Promise<ConflictModel> {
    return this.queries.get(id, actor);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ summary: "Resolve with a candidate system's value ({system}) or an explicit value ({value}); the golden field is pinned" })
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
