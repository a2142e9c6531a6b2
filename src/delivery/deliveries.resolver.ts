import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import type { ConnectionShape } from '../common/page-models';
import {
  CountView, DeliveryConnection, DeliveryDetailView, DeliveryStatusEnum, DeliveryView, LedgerConnection, LedgerView,
} from './deliveries.dto';
import { DeliveriesService } from './deliveries.service';
import type { DeliveryStatus } from './delivery.types';

/** GraphQL twin of DeliveriesController, over the same service. */
@Resolver(() => DeliveryView)
export class DeliveriesResolver {
  constructor(private readonly service: DeliveriesService) {}

  @Query(() => DeliveryConnection, { description: 'Deliveries (outbox rows), newest first; status: dead lists the dead letters' })
  async deliveries(
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('status', { type: () => DeliveryStatusEnum, nullable: true }) status?: DeliveryStatus | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('goldenId', { type: () => ID, nullable: true }) goldenId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('failing', { type: () => Boolean, nullable: true, description: 'true: only failing deliveries (still to be sent, paused included, after a failed attempt)' })
    failing?: boolean | null,
  ): Promise<ConnectionShape<DeliveryView>> {
    return toConnection(await this.service.list({ system, status, entityType, goldenId, failing }, first, after));
  }

  @Query(() => DeliveryDetailView, { nullable: true, description: 'One delivery with its payload; null when there is none' })
  delivery(@Args('id', { type: () => ID }) id: string): Promise<DeliveryDetailView | null> {
    return this.service.find(id);
  }

  @Query(() => LedgerConnection, { description: 'Per system and record (by system, then golden id): what was last sent and acknowledged' })
  async deliveryLedger(
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('goldenId', { type: () => ID, nullable: true }) goldenId?: string | null,
    @Args('paused', { type: () => Boolean, nullable: true, description: 'only records paused by the circuit breaker' }) paused?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<LedgerView>> {
    return toConnection(await this.service.ledger({ system, goldenId, paused }, first, after));
  }

  @Mutation(() => DeliveryView, { description: 'Send a dead or paused delivery again now (attempts reset); audited' })
  @RequireRole('steward')
  retryDelivery(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<DeliveryView> {
    return this.service.retry(id, actor);
  }

  @Mutation(() => CountView, { description: 'Replay every dead letter (optionally of one system / entity type) still the newest for its record; audited' })
  @RequireRole('steward')
  replayDeadLetters(
    @CurrentActor() actor: Actor,
    @Args('system', { type: () => String, nullable: true }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
  ): Promise<CountView> {
    return this.service.replay({ system, entityType }, actor);
  }

  @Mutation(() => CountView, { description: "Open a batch-mode system's window now; audited" })
  @RequireRole('steward')
  flushDeliveries(@CurrentActor() actor: Actor, @Args('system') system: string): Promise<CountView> {
    return this.service.flush(system, actor);
  }
}
