import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiParam, ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor, RequireRole } from '../../admin/auth/auth.decorators';
import { GoldenRecordQueryService } from '../read/golden-record-query.service';
import { GoldenRecordDetailModel } from '../read/golden-record.model';
import type { GoldenRecordView } from '../read/golden-read.types';
import { idParamPipe } from '../../common/id-param.pipe';
import { GoldenMergeService } from './golden-merge.service';
import { MergeDto, OverrideFieldDto, ReleaseOverrideDto, RollbackDto, UnmergeDto } from './golden-steward.dto';
import { GoldenStewardService } from './golden-steward.service';

const NOT_FOUND = 'GOLDEN_RECORD_NOT_FOUND (also for an id of another entity type), ENTITY_TYPE_UNKNOWN';
const DELETED = 'GOLDEN_RECORD_DELETED: the record is tombstoned (restore it first)';

/** REST mirror of the steward mutations. Each answers with the record as GET returns it. */
@ApiTags('steward')
@ApiBearerAuth()
@RequireRole('steward')
@ApiParam({ name: 'entityType', example: 'contact' })
@ApiForbiddenResponse({ description: 'ROLE_FORBIDDEN: needs the steward role' })
@Controller('api/golden-records/:entityType/:id')
export class GoldenStewardController {
  constructor(
    private readonly steward: GoldenStewardService,
    private readonly merging: GoldenMergeService,
    private readonly records: GoldenRecordQueryService,
  ) {}

  @Post('override')
  @HttpCode(200)
  @ApiOperation({ operationId: 'overrideField', summary: 'Pin a field to a value (lineage steward/override): source changes to it are refused and recorded as conflicts' })
  @ApiOkResponse({ type: GoldenRecordDetailModel })
  @ApiBadRequestResponse({ description: 'INVALID_VALUE (details name the field), UNKNOWN_FIELD, INVALID_REQUEST' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DELETED })
  async override(@Param('entityType') entityType: string, @Param('id', idParamPipe('golden record')) id: string,
    @Body() body: OverrideFieldDto, @CurrentActor() actor: Actor): Promise<GoldenRecordDetailModel> {
    return this.detail(await this.steward.overrideField({ id, entityType }, body.field, body.value, actor), actor);
  }

  @Post('release')
  @HttpCode(200)
  @ApiOperation({ operationId: 'releaseOverride', summary: 'Unpin a field: it takes the value of the best source by precedence, or is removed if no source has one' })
  @ApiOkResponse({ type: GoldenRecordDetailModel })
  @ApiBadRequestResponse({ description: 'UNKNOWN_FIELD, INVALID_REQUEST' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: `FIELD_NOT_OVERRIDDEN, ${DELETED}` })
  async release(@Param('entityType') entityType: string, @Param('id', idParamPipe('golden record')) id: string,
    @Body() body: ReleaseOverrideDto, @CurrentActor() actor: Actor): Promise<GoldenRecordDetailModel> {
    return this.detail(await this.steward.releaseOverride({ id, entityType }, body.field, actor), actor);
  }

  @Post('rollback')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rollbackGoldenRecord', summary: "Write a new version holding an earlier version's snapshot and deleted flag" })
  @ApiOkResponse({ type: GoldenRecordDetailModel })
  @ApiNotFoundResponse({ description: `${NOT_FOUND}, VERSION_NOT_FOUND` })
  async rollback(@Param('entityType') entityType: string, @Param('id', idParamPipe('golden record')) id: string,
    @Body() body: RollbackDto, @CurrentActor() actor: Actor): Promise<GoldenRecordDetailModel> {
    return this.detail(await this.steward.rollback({ id, entityType }, body.toVersion, actor), actor);
  }

  @Post('restore')
  @HttpCode(200)
  @ApiOperation({ operationId: 'restoreGoldenRecord', summary: 'Undelete a tombstoned record (new version, deleted = false)' })
  @ApiOkResponse({ type: GoldenRecordDetailModel })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'GOLDEN_RECORD_NOT_DELETED' })
  async restore(@Param('entityType') entityType: string, @Param('id', idParamPipe('golden record')) id: string,
    @CurrentActor() actor: Actor): Promise<GoldenRecordDetailModel> {
    return this.detail(await this.steward.restore({ id, entityType }, actor), actor);
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({ operationId: 'mergeGoldenRecords', summary: 'Merge a duplicate into this record: its links and match keys move here, it is tombstoned' })
  @ApiOkResponse({ type: GoldenRecordDetailModel, description: 'the survivor' })
  @ApiBadRequestResponse({ description: 'MERGE_TYPE_MISMATCH, MERGE_SAME_RECORD, INVALID_REQUEST' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DELETED })
  async merge(@Param('entityType') entityType: string, @Param('id', idParamPipe('golden record')) id: string,
    @Body() body: MergeDto, @CurrentActor() actor: Actor): Promise<GoldenRecordDetailModel> {
    return this.detail(await this.merging.merge({ id, entityType }, body.duplicateId, actor), actor);
  }

  @Post('unmerge')
  @HttpCode(200)
  @ApiOperation({ operationId: 'unmergeGoldenRecord', summary: 'Split one source record out into a new golden record built from its values' })
  @ApiOkResponse({ type: GoldenRecordDetailModel, description: 'the new golden record' })
  @ApiNotFoundResponse({ description: `${NOT_FOUND}, SOURCE_NOT_LINKED` })
  @ApiConflictResponse({ description: `UNMERGE_LAST_SOURCE, SOURCE_HAS_NO_DATA, ${DELETED}` })
  async unmerge(@Param('entityType') entityType: string, @Param('id', idParamPipe('golden record')) id: string,
    @Body() body: UnmergeDto, @CurrentActor() actor: Actor): Promise<GoldenRecordDetailModel> {
    return this.detail(await this.merging.unmerge({ id, entityType }, body.system, body.externalId, actor), actor);
  }

  private async detail(record: GoldenRecordView, actor: Actor): Promise<GoldenRecordDetailModel> {
    return { ...record, sources: await this.records.sources(record, actor) };
  }
}
