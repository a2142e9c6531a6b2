import { Args, Float, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
import { SyncRunConnectionModel, SyncRunModel, SyncRunStatusEnum, SystemSyncStatusModel } from './sync-run.model';
import { SyncRunQueryService } from './sync-run-query.service';
import { SyncRunnerService } from './sync-runner.service';
import { SyncStatusService } from './sync-status.service';

const SYSTEM = { description: 'the system key (SystemView.key)' } as const;
const ONE_ENTITY_TYPE = { type: () => String, nullable: true, description: 'one entity type; every inbound entity type of the system when left out' } as const;

@Resolver(() => SyncRunModel)
export class SyncRunResolver {
  constructor(
    private readonly queries: SyncRunQueryService,
    private readonly runner: SyncRunnerService,
    private readonly status: SyncStatusService,
  ) {}

  @Query(() => SyncRunConnectionModel, { description: 'Sync runs, newest first' })
  async syncRuns(
    @Args('system', { type: () => String, nullable: true, description: 'only runs of this system' }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true, description: 'only runs of this entity type' }) entityType?: string | null,
    @Args('kind', { type: () => String, nullable: true, description: 'poll | refresh | reconcile | batch-window; another value: INVALID_SYNC_RUN_FILTER' }) kind?: string | null,
    @Args('status', { type: () => SyncRunStatusEnum, nullable: true, description: 'only runs in this status' }) status?: string | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<SyncRunConnectionModel> {
    return toConnection(await this.queries.list({ system, entityType, kind, status, first, after }));
  }

  @Query(() => SyncRunModel, { nullable: true, description: 'One sync run; null when there is none with this id' })
  syncRun(@Args('id', { type: () => ID, description: 'sync run id (SyncRun.id, a uuid)' }) id: string): Promise<SyncRunModel | null> {
    return this.queries.find(id);
  }

  @Query(() => SystemSyncStatusModel, { description: "A system's watermarks, last successful sync and last run per entity type. Errors: SYSTEM_NOT_FOUND." })
  syncStatus(@Args('system', SYSTEM) system: string): Promise<SystemSyncStatusModel> {
    return this.status.status(system);
  }

  @Mutation(() => SyncRunModel, {
    description: 'Pull from a system now (all entity types, one, or one record); returns the run, still running, to follow with syncRun(id); audited. Role: steward or admin. '
      + 'Errors: SYSTEM_NOT_FOUND, SYSTEM_NOT_PULLABLE, ENTITY_TYPE_NOT_MAPPED, EXTERNAL_ID_NEEDS_ENTITY_TYPE, SYSTEM_UNAVAILABLE (the hub is shutting down).',
  })
  @RequireRole('steward')
  async refreshSystem(
    @CurrentActor() actor: Actor,
    @Args('system', SYSTEM) system: string,
    @Args('entityType', ONE_ENTITY_TYPE) entityType?: string | null,
    @Args('externalId', { type: () => String, nullable: true, description: "one record by the system's id (needs entityType)" }) externalId?: string | null,
    @Args('full', { type: () => Boolean, nullable: true, description: 're-read every record instead of the changes since the watermark' }) full?: boolean | null,
  ): Promise<SyncRunModel> {
    return this.queries.get(await this.runner.refresh(system, { entityType, externalId, full }, actor));
  }

  @Mutation(() => SyncRunModel, {
    description: "Compare a system's ids with the hub's links: records gone from the system are handled by its inferredDeletes policy; returns the run, still running, to follow; audited. "
      + 'Role: steward or admin. Errors: SYSTEM_NOT_FOUND, SYSTEM_NOT_PULLABLE, ENTITY_TYPE_NOT_MAPPED, RECONCILE_NOT_SUPPORTED, SYNC_RUN_IN_PROGRESS, INVALID_REQUEST (maxDeleteShare out of range), SYSTEM_UNAVAILABLE.',
  })
  @RequireRole('steward')
  async reconcileSystem(
    @CurrentActor() actor: Actor,
    @Args('system', SYSTEM) system: string,
    @Args('entityType', ONE_ENTITY_TYPE) entityType?: string | null,
    @Args('maxDeleteShare', {
      type: () => Float, nullable: true, description: 'mass-delete guard: largest share of known records, 0 to 1, this run may infer deleted (default 0.5; 1 turns the guard off)',
    }) maxDeleteShare?: number | null,
  ): Promise<SyncRunModel> {
    return this.queries.get(await this.runner.reconcile(system, { entityType, maxDeleteShare }, actor));
  }
}
