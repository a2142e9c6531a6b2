import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor } from '../../admin/auth/auth.decorators';
import { ConflictModel } from '../../conflicts/conflict.model';
import { GoldenRecordQueryService } from './golden-record-query.service';
import { GoldenRecordModel } from './golden-record.model';

/** Lets a conflict list lead to its records without a second round trip (batched). */
@Resolver(() => ConflictModel)
export class ConflictGoldenRecordResolver {
  constructor(private readonly records: GoldenRecordQueryService) {}

  @ResolveField(() => GoldenRecordModel, { nullable: true, description: 'the golden record the conflict is on (masked by role); null when it no longer exists' })
  goldenRecord(@Parent() conflict: ConflictModel, @CurrentActor() actor: Actor, @Context('req') req: object): Promise<GoldenRecordModel | null> {
    return this.records.findById(conflict.goldenRecordId, actor, req);
  }
}
