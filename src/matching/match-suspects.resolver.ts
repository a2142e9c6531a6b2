import { Args, Context, Float, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
import { MatchSuspectConnectionModel, MatchSuspectModel, MatchSuspectOutcomeModel, SuspectStatusEnum } from './match-suspect.model';
import { JobModel } from '../jobs/job.model';
import { MatchSuspectsService } from './match-suspects.service';
import { SuspectScanService } from './suspect-scan.service';

const SUSPECT_ID = { type: () => ID, description: 'match suspect id (MatchSuspect.id, a uuid)' } as const;
const SUSPECT_IDS = { type: () => [ID], description: 'match suspect ids, 1 to 100, handled in order' } as const;

/** The review queue over GraphQL; the same service as REST, the same error codes. */
@Resolver(() => MatchSuspectModel)
export class MatchSuspectsResolver {
  constructor(
    private readonly suspects: MatchSuspectsService,
    private readonly scanner: SuspectScanService,
  ) {}

  @Query(() => MatchSuspectConnectionModel, { description: 'Match suspects, highest score first; records masked by role. Errors: ENTITY_TYPE_UNKNOWN, INVALID_MIN_SCORE, INVALID_SUSPECT_STATUS.' })
  async matchSuspects(
    @CurrentActor() actor: Actor,
    @Context('req') req: object,
    @Args('entityType', { type: () => String, nullable: true, description: 'only suspects of this entity type' }) entityType?: string | null,
    @Args('status', { type: () => SuspectStatusEnum, nullable: true, description: 'open | merged | dismissed; default every status' }) status?: string | null,
    @Args('minScore', { type: () => Float, nullable: true, description: 'only suspects scoring at least this, 0 to 1' }) minScore?: number | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<MatchSuspectConnectionModel> {
    return toConnection(await this.suspects.list({ entityType, status, minScore, first, after }, actor, req));
  }

  @Query(() => MatchSuspectModel, { nullable: true, description: 'One match suspect; null when there is none with this id' })
  matchSuspect(@CurrentActor() actor: Actor, @Context('req') req: object, @Args('id', SUSPECT_ID) id: string): Promise<MatchSuspectModel | null> {
    return this.suspects.find(id, actor, req);
  }

  @Mutation(() => JobModel, {
    description: 'Queue a scan of every live record of an entity type for suspects (a suspect-scan job; an open one for the type is superseded); follow it with job(id); audited. '
      + 'Role: admin. Errors: ENTITY_TYPE_UNKNOWN, SUSPECT_RULES_MISSING.',
  })
  @RequireRole('admin')
  scanMatchSuspects(
    @CurrentActor() actor: Actor,
    @Args('entityType', { type: () => String, description: 'the entity type to scan; it needs similarity rules (entities.<type>.suspects)' }) entityType: string,
  ): Promise<JobModel> {
    return this.scanner.scan(entityType, actor);
  }

  @Mutation(() => MatchSuspectModel, {
    description: 'Merge the pair as mergeGoldenRecords does (the other record is tombstoned); survivorId defaults to the older record; audited. Role: steward or admin. '
      + 'Errors: MATCH_SUSPECT_NOT_FOUND, MATCH_SUSPECT_NOT_OPEN, MATCH_SUSPECT_SURVIVOR_INVALID, and the merge errors (GOLDEN_RECORD_DELETED, …).',
  })
  @RequireRole('steward')
  mergeSuspect(
    @CurrentActor() actor: Actor,
    @Args('id', SUSPECT_ID) id: string,
    @Args('survivorId', { type: () => ID, nullable: true, description: 'the record that stays: one of the pair; the older one when left out' }) survivorId?: string | null,
  ): Promise<MatchSuspectModel> {
    return this.suspects.merge(id, survivorId, actor);
  }

  @Mutation(() => MatchSuspectModel, {
    description: '"Not a match": dismissed, and never suggested again for this pair, whatever later edits or merges do; audited. Role: steward or admin. '
      + 'Errors: MATCH_SUSPECT_NOT_FOUND, MATCH_SUSPECT_NOT_OPEN.',
  })
  @RequireRole('steward')
  dismissSuspect(@CurrentActor() actor: Actor, @Args('id', SUSPECT_ID) id: string): Promise<MatchSuspectModel> {
    return this.suspects.dismiss(id, actor);
  }

  @Mutation(() => [MatchSuspectOutcomeModel], {
    description: 'Merge several suspects (each survivor the older record), one transaction each; an outcome per id, in order (a failed id does not stop the others). '
      + 'Role: steward or admin. Errors: INVALID_REQUEST (0 or more than 100 ids).',
  })
  @RequireRole('steward')
  mergeSuspects(@CurrentActor() actor: Actor, @Args('ids', SUSPECT_IDS) ids: string[]): Promise<MatchSuspectOutcomeModel[]> {
    return this.suspects.mergeMany(ids, actor);
  }

  @Mutation(() => [MatchSuspectOutcomeModel], {
    description: 'Dismiss several suspects, one transaction each; an outcome per id, in order (a failed id does not stop the others). '
      + 'Role: steward or admin. Errors: INVALID_REQUEST (0 or more than 100 ids).',
  })
  @RequireRole('steward')
  dismissSuspects(@CurrentActor() actor: Actor, @Args('ids', SUSPECT_IDS) ids: string[]): Promise<MatchSuspectOutcomeModel[]> {
    return this.suspects.dismissMany(ids, actor);
  }
}
