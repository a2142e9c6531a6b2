import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SystemEntityBinding } from '../config/active-config';
import { HubConfigService } from '../config/hub-config.service';
import { payloadHash } from '../golden-records/domain/payload-hash';
import { PipelineHooks } from '../golden-records/pipeline/pipeline-hooks';
import type { GoldenChange, GoldenRow } from '../golden-records/pipeline/pipeline.types';
import type { OutboxDraft } from './delivery.types';
import { type DeliveryPlan, planDelivery, targetBindings } from './domain/delivery-plan';
import { windowFor } from './domain/delivery-schedule';
import { mapOutboundAll } from './outbound-payload';
import { supersedeWaiting, upsertOutboxRows } from './outbox-enqueue.repository';
import { targetKey } from './domain/target-key';
import { type GoldenTargetKey, loadTargetStates } from './target-state.repository';

interface NetChange {
  golden: GoldenRow;
  /** the record before the first change of this batch */
  previous: GoldenRow | null;
  /** of the latest change: its state is what goes out */
  correlationId: string | null;
}

interface Planned {
  binding: SystemEntityBinding;
  change: NetChange;
  plan: Extract<DeliveryPlan, { kind: 'enqueue' }>;
}

/**
 * The outbox side of the pipeline: inside each batch's transaction, turns the golden changes into at most one
 * waiting outbox row per record and target system, in a fixed number of statements per batch.
 */
@Injectable()
export class OutboxEnqueuer implements OnModuleInit {
  private readonly logger = new Logger('outbox');

  constructor(
    private readonly hooks: PipelineHooks,
    private readonly config: HubConfigService,
  ) {}

  onModuleInit(): void {
    this.hooks.onChanges({ onGoldenChanges: (m, changes) => this.enqueue(m, changes) });
  }

  async enqueue(m: EntityManager, changes: GoldenChange[]): Promise<void> {
    if (changes.length === 0) return;
    const active = this.config.current();
    const net = netChanges(changes);
    const candidates: { binding: SystemEntityBinding; change: NetChange }[] = [];
    for (const change of net) {
      for (const binding of targetBindings(active, change.golden.entityType)) candidates.push({ binding, change });
    }
    if (candidates.length === 0) return;

    const keys: GoldenTargetKey[] = candidates.map((c) => ({ system: c.binding.systemKey, entityType: c.change.golden.entityType, goldenId: c.change.golden.id }));
    const states = await loadTargetStates(m, keys);
    const planned: Planned[] = [];
    const supersede: { system: string; goldenId: string }[] = [];
    for (const { binding, change } of candidates) {
      const state = states.get(targetKey(binding.systemKey, change.golden.id)) ?? { held: {}, waiting: false, inFlight: false };
      const plan = planDelivery({ binding, golden: change.golden, previous: change.previous, ...state });
      if (plan.kind === 'enqueue') planned.push({ binding, change, plan });
      else if (plan.kind === 'supersede') supersede.push({ system: binding.systemKey, goldenId: change.golden.id });
    }

    const mapped = await mapOutboundAll(m, planned.map((p) => ({ binding: p.binding, canonical: p.plan.canonical })));
    const now = new Date();
    // One batch window per system and batch: computing the next cron occurrence per row was a tenth of a batch's time.
    const windows = new Map<string, Date | null>();
    const windowOf = (b: SystemEntityBinding): Date | null => {
      if (!windows.has(b.systemKey)) windows.set(b.systemKey, windowFor(b.system, now));
      return windows.get(b.systemKey)!;
    };
    const drafts: OutboxDraft[] = planned.map((p, i) => {
      const isDelete = p.plan.operation === 'delete';
      const windowAt = windowOf(p.binding);
      const payload = isDelete ? {} : mapped[i].record;
      const errors = isDelete ? [] : mapped[i].errors;
      // A reference to a record not yet created in the system is expected; it is resolved again at delivery.
      if (errors.some((e) => e.code !== 'REFERENCE_UNRESOLVED')) {
        this.logger.warn(`outbound mapping of ${p.change.golden.entityType} ${p.change.golden.id} for ${p.binding.systemKey} left out: ${errors.map((e) => e.message).join('; ')}`);
      }
      return {
        system: p.binding.systemKey,
        entityType: p.change.golden.entityType,
        goldenId: p.change.golden.id,
        goldenVersion: p.change.golden.version,
        operation: p.plan.operation,
        payload,
        canonical: p.plan.canonical,
        payloadHash: payloadHash(payload),
        mappingErrors: errors.length ? errors : null,
        correlationId: p.change.correlationId,
        nextAttemptAt: windowAt ?? now,
        windowAt,
      };
    });
    await upsertOutboxRows(m, drafts);
    await supersedeWaiting(m, supersede);
  }
}

/** Several versions of one record in a batch: the latest state goes out, judged against the state before the batch. */
function netChanges(changes: GoldenChange[]): NetChange[] {
  const byId = new Map<string, NetChange>();
  for (const c of changes) {
    const seen = byId.get(c.golden.id);
    const correlationId = c.version.cause.correlationId ?? null;
    if (seen) Object.assign(seen, { golden: c.golden, correlationId: correlationId ?? seen.correlationId });
    else byId.set(c.golden.id, { golden: c.golden, previous: c.previous, correlationId });
  }
  return [...byId.values()];
}
