import { Args, Context, Float, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { MatchSuspectConnectionModel, MatchSuspectModel, MatchSuspectOutcomeModel, SuspectStatusEnum } from './match-suspect.model';
import { JobModel } from '../jobs/job.model';
import { MatchSuspectsService } from './match-suspects.service';
import { SuspectScanService } from './suspect-scan.service';

/** The review queue over GraphQL; the same service as REST, the same error codes. */
@Resolver(() => MatchSuspectModel)
export class MatchSuspectsResolver {
  constructor(
    private readonly suspects: MatchSuspectsService,
    private readonly scanner: SuspectScanService,
  ) {}

  @Query(() => MatchSuspectConnectionModel, { description: 'Match suspects, highest score first' })
  async matchSuspects(
    @CurrentActor() actor: Actor,
    @Context('req') req: object,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('status', { type: () => SuspectStatusEnum, nullable: true, description: 'open | merged | dismissed; default every status' }) status?: string | null,
    @Args('minScore', { type: () => Float, nullable: true }) minScore?: number | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<MatchSuspectConnectionModel> {
    return toConnection(await this.suspects.list({ entityType, status, minScore, first, after }, actor, req));
  }

  @Query(() => MatchSuspectModel, { nullable: true, description: 'One match suspect; null when there is none with this id' })
  matchSuspect(@CurrentActor() actor: Actor, @Context('req') req: object, @Args('id', { type: () => ID }) id: string): Promise<MatchSuspectModel | null> {
    return this.suspects.find(id, actor, req);
  }

  @Mutation(() => JobModel, { description: 'Queue a scan of every live record of an entity type for suspects; follow it with job(id)' })
  @RequireRole('admin')
  scanMatchSuspects(@CurrentActor() actor: Actor, @Args('entityType', { type: () => String }) entityType: string): Promise<JobModel> {
    return this.scanner.scan(entityType, actor);
  }

  @Mutation(() => MatchSuspectModel, { description: 'Merge the pair; survivorId defaults to the older record' })
  @RequireRole('steward')
  mergeSuspect(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('survivorId', { type: () => ID, nullable: true }) survivorId?: string | null,
  ): Promise<MatchSuspectModel> {
    return this.suspects.merge(id, survivorId, actor);
  }

  @Mutation(() => MatchSuspectModel, { description: '"Not a match": never suggested again for this pair' })
  @RequireRole('steward')
  dismissSuspect(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<MatchSuspectModel> {
    return this.suspects.dismiss(id, actor);
  }

  @Mutation(() => [MatchSuspectOutcomeModel], { description: 'Merge several suspects, one transaction each; an outcome per id' })
  @RequireRole('steward')
  mergeSuspects(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<MatchSuspectOutcomeModel[]> {
    return this.suspects.mergeMany(ids, actor);
  }

  @Mutation(() => [MatchSuspectOutcomeModel], { description: 'Dismiss several suspects, one transaction each; an outcome per id' })
  @RequireRole('steward')
  dismissSuspects(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<MatchSuspectOutcomeModel[]> {
    return this.suspects.dismissMany(ids, actor);
  }
}
