import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import { idParamPipe } from '../common/id-param.pipe';
import { ListSyncRunsQueryDto, ReconcileBodyDto, RefreshBodyDto, SystemParamDto } from './polling.dto';
import { RunAcceptedModel, SyncRunModel, SyncRunPageModel, SystemSyncStatusModel } from './sync-run.model';
import { SyncRunQueryService } from './sync-run-query.service';
import { SyncRunnerService } from './sync-runner.service';
import { SyncStatusService } from './sync-status.service';

@ApiTags('sync')
@ApiBearerAuth()
@Controller('api')
export class SyncController {
  constructor(
    private readonly runner: SyncRunnerService,
    private readonly queries: SyncRunQueryService,
    private readonly status: SyncStatusService,
  ) {}

  @Post('systems/:system/refresh')
  @HttpCode(202)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'refreshSystem', summary: 'Pull from a system now: every entity type, one, or one record (entityType + externalId). Follow the returned run.' })
  @ApiAcceptedResponse({ type: RunAcceptedModel })
  @ApiNotFoundResponse({ description: 'SYSTEM_NOT_FOUND, ENTITY_TYPE_NOT_MAPPED' })
  @ApiConflictResponse({ description: 'SYSTEM_NOT_PULLABLE' })
  async refresh(@Param() p: SystemParamDto, @Body() body: RefreshBodyDto, @CurrentActor() actor: Actor): Promise<RunAcceptedModel> {
    const runId = await this.runner.refresh(p.system, body, actor);
    return { runId, run: await this.queries.get(runId) };
  }

  @Post('systems/:system/reconcile')
  @HttpCode(202)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'reconcileSystem', summary: "Compare the system's ids with the hub's links: pull what is missing, infer deletes by the system's policy" })
  @ApiAcceptedResponse({ type: RunAcceptedModel })
  @ApiConflictResponse({ description: 'SYSTEM_NOT_PULLABLE, RECONCILE_NOT_SUPPORTED, SYNC_RUN_IN_PROGRESS' })
  async reconcile(@Param() p: SystemParamDto, @Body() body: ReconcileBodyDto, @CurrentActor() actor: Actor): Promise<RunAcceptedModel> {
    const runId = await this.runner.reconcile(p.system, body, actor);
    return { runId, run: await this.queries.get(runId) };
  }

  @Get('systems/:system/sync-status')
  @ApiOperation({ operationId: 'syncStatus', summary: 'Per entity type: polling watermark, last successful sync, last run' })
  @ApiOkResponse({ type: SystemSyncStatusModel })
  syncStatus(@Param() p: SystemParamDto): Promise<SystemSyncStatusModel> {
    return this.status.status(p.system);
  }

  @Get('sync-runs')
  @ApiOperation({ operationId: 'syncRuns', summary: 'Sync runs, newest first; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: SyncRunPageModel })
  async list(@Query() q: ListSyncRunsQueryDto): Promise<SyncRunPageModel> {
    return toRestPage(await this.queries.list(q));
  }

  @Get('sync-runs/:id')
  @ApiOperation({ operationId: 'syncRun', summary: 'One sync run' })
  @ApiOkResponse({ type: SyncRunModel })
  @ApiNotFoundResponse({ description: 'SYNC_RUN_NOT_FOUND' })
  get(@Param('id', idParamPipe('sync run')) id: string): Promise<SyncRunModel> {
    return this.queries.get(id);
  }
}
