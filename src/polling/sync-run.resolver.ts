import { Args, Float, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { SyncRunConnectionModel, SyncRunModel, SyncRunStatusEnum, SystemSyncStatusModel } from './sync-run.model';
import { SyncRunQueryService } from './sync-run-query.service';
import { SyncRunnerService } from './sync-runner.service';
import { SyncStatusService } from './sync-status.service';

@Resolver(() => SyncRunModel)
export class SyncRunResolver {
  constructor(
    private readonly queries: SyncRunQueryService,
    private readonly runner: SyncRunnerService,
    private readonly status: SyncStatusService,
  ) {}

  @Query(() => SyncRunConnectionModel, { description: 'Sync runs, newest first' })
  async syncRuns(
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('kind', { type: () => String, nullable: true, description: 'poll | refresh | reconcile | batch-window' }) kind?: string | null,
    @Args('status', { type: () => SyncRunStatusEnum, nullable: true }) status?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<SyncRunConnectionModel> {
    return toConnection(await this.queries.list({ system, entityType, kind, status, first, after }));
  }

  @Query(() => SyncRunModel, { nullable: true, description: 'One sync run; null when there is none with this id' })
  syncRun(@Args('id', { type: () => ID }) id: string): Promise<SyncRunModel | null> {
    return this.queries.find(id);
  }

  @Query(() => SystemSyncStatusModel, { description: "A system's watermarks, last successful sync and last run per entity type" })
  syncStatus(@Args('system') system: string): Promise<SystemSyncStatusModel> {
    return this.status.status(system);
  }

  @Mutation(() => SyncRunModel, { description: 'Pull from a system now (all entity types, one, or one record); returns the run to follow' })
  @RequireRole('steward')
  async refreshSystem(
    @CurrentActor() actor: Actor,
    @Args('system') system: string,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('externalId', { type: () => String, nullable: true }) externalId?: string | null,
    @Args('full', { type: () => Boolean, nullable: true }) full?: boolean | null,
  ): Promise<SyncRunModel> {
    return this.queries.get(await this.runner.refresh(system, { entityType, externalId, full }, actor));
  }

  @Mutation(() => SyncRunModel, { description: "Compare a system's ids with the hub's links; returns the run to follow" })
  @RequireRole('steward')
  async reconcileSystem(
    @CurrentActor() actor: Actor,
    @Args('system') system: string,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('maxDeleteShare', { type: () => Float, nullable: true }) maxDeleteShare?: number | null,
  ): Promise<SyncRunModel> {
    return this.queries.get(await this.runner.reconcile(system, { entityType, maxDeleteShare }, actor));
  }
}
