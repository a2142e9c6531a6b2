import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import { idParamPipe } from '../common/id-param.pipe';
import { MatchSuspectModel, MatchSuspectOutcomeModel, MatchSuspectPageModel } from './match-suspect.model';
import { JobModel } from '../jobs/job.model';
import { BulkSuspectsDto, ListMatchSuspectsQueryDto, MergeSuspectDto, ScanSuspectsQueryDto } from './match-suspects.dto';
import { MatchSuspectsService } from './match-suspects.service';
import { SuspectScanService } from './suspect-scan.service';

const FORBIDDEN = 'ROLE_FORBIDDEN: needs the steward role';
const NOT_OPEN = 'MATCH_SUSPECT_NOT_OPEN: already merged or dismissed';

/** REST mirror of the review queue (GraphQL matchSuspects, mergeSuspect, dismissSuspect, …). */
@ApiTags('match-suspects')
@ApiBearerAuth()
@Controller('api/match-suspects')
export class MatchSuspectsController {
  constructor(
    private readonly suspects: MatchSuspectsService,
    private readonly scanner: SuspectScanService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'matchSuspects', summary: 'Match suspects, highest score first; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: MatchSuspectPageModel })
  @ApiBadRequestResponse({ description: 'INVALID_REQUEST, INVALID_CURSOR, INVALID_PAGE_SIZE' })
  @ApiNotFoundResponse({ description: 'ENTITY_TYPE_UNKNOWN' })
  async list(@Query() q: ListMatchSuspectsQueryDto, @CurrentActor() actor: Actor): Promise<MatchSuspectPageModel> {
    return toRestPage(await this.suspects.list(q, actor));
  }

  @Post('scan')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'scanMatchSuspects',
    summary: 'Queue a scan of every live record of an entity type for suspects (records written before the rules); follow it at GET /api/jobs/{id}',
  })
  @ApiAcceptedResponse({ type: JobModel, description: 'the queued job (kind suspect-scan); an open scan of the same type is cancelled as superseded' })
  @ApiBadRequestResponse({ description: 'SUSPECT_RULES_MISSING (the type has no similarity rules), INVALID_REQUEST (entityType missing)' })
  @ApiForbiddenResponse({ description: 'ROLE_FORBIDDEN: needs the admin role' })
  @ApiNotFoundResponse({ description: 'ENTITY_TYPE_UNKNOWN' })
  scan(@Query() q: ScanSuspectsQueryDto, @CurrentActor() actor: Actor): Promise<JobModel> {
    return this.scanner.scan(q.entityType, actor);
  }

  @Post('merge')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'mergeSuspects', summary: 'Merge several suspects (the older record of each survives), one transaction each; an outcome per id' })
  @ApiOkResponse({ type: [MatchSuspectOutcomeModel] })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  mergeMany(@Body() body: BulkSuspectsDto, @CurrentActor() actor: Actor): Promise<MatchSuspectOutcomeModel[]> {
    return this.suspects.mergeMany(body.ids, actor);
  }

  @Post('dismiss')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'dismissSuspects', summary: 'Dismiss several suspects as "not a match", one transaction each; an outcome per id' })
  @ApiOkResponse({ type: [MatchSuspectOutcomeModel] })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  dismissMany(@Body() body: BulkSuspectsDto, @CurrentActor() actor: Actor): Promise<MatchSuspectOutcomeModel[]> {
    return this.suspects.dismissMany(body.ids, actor);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'matchSuspect', summary: 'One match suspect: both records side by side, the score per field, the rule' })
  @ApiOkResponse({ type: MatchSuspectModel })
  @ApiNotFoundResponse({ description: 'MATCH_SUSPECT_NOT_FOUND' })
  get(@Param('id', idParamPipe('match suspect')) id: string, @CurrentActor() actor: Actor): Promise<MatchSuspectModel> {
    return this.suspects.get(id, actor);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'mergeSuspect', summary: 'Merge the pair (golden merge); survivorId defaults to the older record. The suspect becomes merged in the same transaction' })
  @ApiOkResponse({ type: MatchSuspectModel })
  @ApiBadRequestResponse({ description: 'MATCH_SUSPECT_SURVIVOR_INVALID, INVALID_REQUEST' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: 'MATCH_SUSPECT_NOT_FOUND' })
  @ApiConflictResponse({ description: `${NOT_OPEN}; GOLDEN_RECORD_DELETED` })
  merge(@Param('id', idParamPipe('match suspect')) id: string, @Body() body: MergeSuspectDto, @CurrentActor() actor: Actor): Promise<MatchSuspectModel> {
    return this.suspects.merge(id, body.survivorId, actor);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'dismissSuspect', summary: '"Not a match": dismissed, and remembered by both sides\' source records so the pair is never suggested again' })
  @ApiOkResponse({ type: MatchSuspectModel })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: 'MATCH_SUSPECT_NOT_FOUND' })
  @ApiConflictResponse({ description: NOT_OPEN })
  dismiss(@Param('id', idParamPipe('match suspect')) id: string, @CurrentActor() actor: Actor): Promise<MatchSuspectModel> {
    return this.suspects.dismiss(id, actor);
  }
}
