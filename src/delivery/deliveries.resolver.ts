import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
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
    @Args('system', { type: () => String, nullable: true, description: 'only deliveries to this system' }) system?: string | null,
    @Args('status', { type: () => DeliveryStatusEnum, nullable: true, description: 'only deliveries in this status (dead: the dead letters)' }) status?: DeliveryStatus | null,
    @Args('entityType', { type: () => String, nullable: true, description: 'only deliveries of this entity type' }) entityType?: string | null,
    @Args('goldenId', { type: () => ID, nullable: true, description: 'only deliveries of this golden record (uuid; otherwise INVALID_ID)' }) goldenId?: string | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
    @Args('failing', { type: () => Boolean, nullable: true, description: 'true: only failing deliveries (still to be sent, paused included, after a failed attempt)' })
    failing?: boolean | null,
  ): Promise<ConnectionShape<DeliveryView>> {
    return toConnection(await this.service.list({ system, status, entityType, goldenId, failing }, first, after));
  }

  @Query(() => DeliveryDetailView, { nullable: true, description: 'One delivery with its payload; null when there is none' })
  delivery(@Args('id', { type: () => ID, description: 'delivery (outbox row) id; not a positive integer: INVALID_ID' }) id: string): Promise<DeliveryDetailView | null> {
    return this.service.find(id);
  }

  @Query(() => LedgerConnection, { description: 'Per system and record (by system, then golden id): what was last sent and acknowledged' })
  async deliveryLedger(
    @Args('system', { type: () => String, nullable: true, description: 'only entries for this target system' }) system?: string | null,
    @Args('goldenId', { type: () => ID, nullable: true, description: 'only entries of this golden record (uuid; otherwise INVALID_ID)' }) goldenId?: string | null,
    @Args('paused', { type: () => Boolean, nullable: true, description: 'only records paused by the circuit breaker' }) paused?: boolean | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<LedgerView>> {
    return toConnection(await this.service.ledger({ system, goldenId, paused }, first, after));
  }

  @Mutation(() => DeliveryView, {
    description: 'Send a dead or paused delivery again now (attempts reset); audited. Role: steward or admin. '
      + 'Errors: DELIVERY_NOT_FOUND, DELIVERY_NOT_RETRYABLE (not dead or paused), DELIVERY_SUPERSEDED (a newer delivery of the record exists).',
  })
  @RequireRole('steward')
  retryDelivery(@CurrentActor() actor: Actor, @Args('id', { type: () => ID, description: 'delivery (outbox row) id' }) id: string): Promise<DeliveryView> {
    return this.service.retry(id, actor);
  }

  @Mutation(() => CountView, {
    description: 'Replay every dead letter (optionally of one system / entity type) still the newest for its record; returns how many were requeued; audited. Role: steward or admin.',
  })
  @RequireRole('steward')
  replayDeadLetters(
    @CurrentActor() actor: Actor,
    @Args('system', { type: () => String, nullable: true, description: 'only dead letters to this system; every system when left out' }) system?: string | null,
    @Args('entityType', { type: () => String, nullable: true, description: 'only dead letters of this entity type; every type when left out' }) entityType?: string | null,
  ): Promise<CountView> {
    return this.service.replay({ system, entityType }, actor);
  }

  @Mutation(() => CountView, {
    description: "Open a batch-mode system's window now: what waits for its schedule is sent at once (still compressed); returns how many deliveries were released; audited. "
      + 'Role: steward or admin. Errors: SYSTEM_NOT_FOUND.',
  })
  @RequireRole('steward')
  flushDeliveries(@CurrentActor() actor: Actor, @Args('system', { description: 'the system key (SystemView.key)' }) system: string): Promise<CountView> {
    return this.service.flush(system, actor);
  }
}
