import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor } from '../../admin/auth/auth.decorators';
import { toRestPage } from '../../common/connection';
import { parseFilterParam } from './golden-filter';
import { GoldenRecordQueryService } from './golden-record-query.service';
import {
  GoldenRecordDetailModel, GoldenRecordPageModel, GoldenRecordSnapshotModel, GoldenVersionModel, GoldenVersionPage,
} from './golden-record.model';
import type { RestPageShape } from '../../common/page-models';
import { PageQueryDto } from '../../common/page-query.dto';
import { AsOfQueryDto, DiffQueryDto, ListGoldenRecordsQueryDto } from './golden-records-read.dto';
import { idParamPipe, versionParamPipe } from '../../common/id-param.pipe';

/** REST mirror of the GraphQL golden record reads. */
@ApiTags('golden-records')
@ApiBearerAuth()
@ApiParam({ name: 'entityType', example: 'contact' })
@Controller('api/golden-records/:entityType')
export class GoldenRecordsController {
  constructor(private readonly records: GoldenRecordQueryService) {}

  @Get()
  @ApiOperation({ operationId: 'goldenRecords', summary: 'Golden records of an entity type, by id, filtered (?filter=) and searched (?search=); page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: GoldenRecordPageModel })
  @ApiNotFoundResponse({ description: 'ENTITY_TYPE_UNKNOWN' })
  async list(
    @Param('entityType') entityType: string,
    @Query() q: ListGoldenRecordsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<GoldenRecordPageModel> {
    const filter = parseFilterParam(q.filter);
    return toRestPage(await this.records.list(entityType, {
      filter, search: q.search, first: q.first, after: q.after, includeDeleted: q.includeDeleted,
    }, actor));
  }

  // Declared before ':id' routes so that "by-source" is never taken for an id.
  @Get('by-source/:system/:externalId')
  @ApiOperation({
    operationId: 'goldenRecordBySource',
    summary: "The golden record a system's record is linked to (the system's own id; URL-encode it), with lineage and source references",
  })
  @ApiOkResponse({ type: GoldenRecordDetailModel })
  @ApiNotFoundResponse({ description: 'GOLDEN_RECORD_NOT_FOUND (no record of this system and id is linked), ENTITY_TYPE_UNKNOWN' })
  async bySource(
    @Param('entityType') entityType: string,
    @Param('system') system: string,
    @Param('externalId') externalId: string,
    @CurrentActor() actor: Actor,
  ): Promise<GoldenRecordDetailModel> {
    const record = await this.records.getBySource(system, entityType, externalId, actor);
    return { ...record, sources: await this.records.sources(record, actor) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'goldenRecord', summary: 'A golden record with its lineage and source references' })
  @ApiOkResponse({ type: GoldenRecordDetailModel })
  @ApiNotFoundResponse({ description: 'GOLDEN_RECORD_NOT_FOUND (also for an id of another entity type), ENTITY_TYPE_UNKNOWN' })
  async get(
    @Param('entityType') entityType: string,
    @Param('id', idParamPipe('golden record')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<GoldenRecordDetailModel> {
    const record = await this.records.getOfType(entityType, id, actor);
    return { ...record, sources: await this.records.sources(record, actor) };
  }

  @Get(':id/versions')
  @ApiOperation({
    operationId: 'GoldenRecord.versions',
    summary: 'Versions, oldest first: snapshot, JSON Patch from the previous version, cause; page with ?after=<pageInfo.endCursor>',
  })
  @ApiOkResponse({ type: GoldenVersionPage })
  @ApiNotFoundResponse({ description: 'GOLDEN_RECORD_NOT_FOUND' })
  async versions(
    @Param('entityType') entityType: string,
    @Param('id', idParamPipe('golden record')) id: string,
    @Query() q: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<RestPageShape<GoldenVersionModel>> {
    return toRestPage(await this.records.versions(await this.records.getOfType(entityType, id, actor), actor, q));
  }

  @Get(':id/versions/:version')
  @ApiOperation({ operationId: 'GoldenRecord.atVersion', summary: 'One version' })
  @ApiOkResponse({ type: GoldenVersionModel })
  @ApiNotFoundResponse({ description: 'GOLDEN_RECORD_NOT_FOUND, VERSION_NOT_FOUND' })
  async version(
    @Param('entityType') entityType: string,
    @Param('id', idParamPipe('golden record')) id: string,
    @Param('version', versionParamPipe()) version: number,
    @CurrentActor() actor: Actor,
  ): Promise<GoldenVersionModel> {
    return this.records.getVersion(await this.records.getOfType(entityType, id, actor), version, actor);
  }

  @Get(':id/as-of')
  @ApiOperation({ operationId: 'GoldenRecord.asOf', summary: 'The version in force at a time (404 VERSION_NOT_FOUND before the record existed)' })
  @ApiOkResponse({ type: GoldenRecordSnapshotModel })
  @ApiNotFoundResponse({ description: 'GOLDEN_RECORD_NOT_FOUND, VERSION_NOT_FOUND' })
  async asOf(
    @Param('entityType') entityType: string,
    @Param('id', idParamPipe('golden record')) id: string,
    @Query() q: AsOfQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<GoldenRecordSnapshotModel> {
    return this.records.getAsOf(await this.records.getOfType(entityType, id, actor), new Date(q.at), actor);
  }

  @Get(':id/diff')
  @ApiOperation({ operationId: 'GoldenRecord.diff', summary: 'RFC 6902 JSON Patch from version `from` to version `to`' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  @ApiNotFoundResponse({ description: 'GOLDEN_RECORD_NOT_FOUND, VERSION_NOT_FOUND' })
  async diff(
    @Param('entityType') entityType: string,
    @Param('id', idParamPipe('golden record')) id: string,
    @Query() q: DiffQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.records.diff(await this.records.getOfType(entityType, id, actor), q.from, q.to, actor);
  }
}
