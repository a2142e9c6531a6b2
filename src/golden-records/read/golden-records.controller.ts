import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor } from '../../admin/auth/auth.decorators';
import { toRestPage } from './connection';
import { parseFilterParam } from './golden-filter';
import { GoldenRecordQueryService } from './golden-record-query.service';
import {
  GoldenRecordDetailModel, GoldenRecordPageModel, GoldenRecordSnapshotModel, GoldenVersionModel,
} from './golden-record.model';
import { AsOfQueryDto, DiffQueryDto, ListGoldenRecordsQueryDto } from './golden-records-read.dto';
import { idParamPipe, versionParamPipe } from './id-param.pipe';

/** REST mirror of the GraphQL golden record reads. */
@ApiTags('golden-records')
@ApiBearerAuth()
@ApiParam({ name: 'entityType', example: 'contact' })
@Controller('api/golden-records/:entityType')
export class GoldenRecordsController {
  constructor(private readonly records: GoldenRecordQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Golden records of an entity type, by id, filtered (?filter=) and searched (?search=); page with ?after=<pageInfo.endCursor>' })
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

  @Get(':id')
  @ApiOperation({ summary: 'A golden record with its lineage and source references' })
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
  @ApiOperation({ summary: 'All versions, oldest first: snapshot, JSON Patch from the previous version, cause' })
  @ApiOkResponse({ type: [GoldenVersionModel] })
  @ApiNotFoundResponse({ description: 'GOLDEN_RECORD_NOT_FOUND' })
  async versions(
    @Param('entityType') entityType: string,
    @Param('id', idParamPipe('golden record')) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<GoldenVersionModel[]> {
    return this.records.versions(await this.records.getOfType(entityType, id, actor), actor);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One version' })
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
  @ApiOperation({ summary: 'The version in force at a time (404 VERSION_NOT_FOUND before the record existed)' })
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
  @ApiOperation({ summary: 'RFC 6902 JSON Patch from version `from` to version `to`' })
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
