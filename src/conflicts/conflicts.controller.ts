import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor } from '../admin/auth/auth.decorators';
import { toRestPage } from '../golden-records/read/connection';
import { idParamPipe } from '../golden-records/read/id-param.pipe';
import { ConflictQueryService } from './conflict-query.service';
import { ConflictModel, ConflictPageModel } from './conflict.model';
import { ListConflictsQueryDto } from './conflicts.dto';

@ApiTags('conflicts')
@ApiBearerAuth()
@Controller('api/conflicts')
export class ConflictsController {
  constructor(private readonly queries: ConflictQueryService) {}

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
}
