import type { CanonicalRecord, ResolvedEntityType } from '../../../catalog/catalog.types';
import { nextSourceState, withDelivered } from '../source-state';
import { applyChange } from '../survivorship';
import { STEWARD_OVERRIDE_RULE, type ChangeResult, type ConflictDraft, type GoldenState, type SourceState } from '../survivorship.types';

/**
 * Test support only: one golden record with its source states, driven the way the pipeline drives the domain
 * (applyChange, then store the incoming system's next source state; on a confirmed outbound write, withDelivered).
 */
export class SurvivorshipSim {
  golden: GoldenState | null = null;
  readonly states = new Map<string, SourceState>();
  readonly conflicts: ConflictDraft[] = [];
  private tick = 0;

  constructor(readonly entityType: ResolvedEntityType) {}

  /** The next instant of a clock that only moves forward (one second per call). */
  nextInstant(): string {
    this.tick += 1;
    return new Date(Date.UTC(2024, 0, 1) + this.tick * 1000).toISOString();
  }

  send(system: string, data: CanonicalRecord, at = this.nextInstant()): ChangeResult {
    const incomingSource = this.states.get(system) ?? null;
    const incoming = { system, data, at };
    const result = applyChange({
      entityType: this.entityType,
      golden: this.golden,
      sources: [...this.states.values()].filter((s) => s.system !== system),
      incomingSource,
      incoming,
      now: this.nextInstant(),
    });
    this.golden = result.golden;
    this.states.set(system, nextSourceState(incomingSource, incoming, result));
    this.conflicts.push(...result.conflicts);
    return result;
  }

  /** The hub's outbound write of the golden values of `fields` to `system` has been confirmed. */
  deliver(system: string, fields: string[] = Object.keys(this.golden?.data ?? {})): void {
    const data = this.golden?.data ?? {};
    const written = Object.fromEntries(fields.filter((f) => data[f] !== undefined).map((f) => [f, data[f]]));
    this.states.set(system, withDelivered(this.states.get(system) ?? null, system, written, this.nextInstant()));
  }

  /** A steward pins a value (what the conflicts module's override action stores). */
  override(field: string, value: unknown): void {
    const golden = this.golden ?? { data: {}, lineage: {} };
    this.golden = {
      data: { ...golden.data, [field]: value },
      lineage: { ...golden.lineage, [field]: { value, system: null, rule: STEWARD_OVERRIDE_RULE, updatedAt: this.nextInstant() } },
    };
  }
}

export function contactType(overrides: Partial<ResolvedEntityType> = {}): ResolvedEntityType {
  return {
    name: 'contact',
    fields: {
      email: { type: 'email' },
      firstName: { type: 'string' },
      birthDate: { type: 'date' },
      phone: { type: 'phone' },
      balance: { type: 'money' },
      roles: { type: 'list', items: { type: 'string' } },
      address: { type: 'object', fields: { city: { type: 'string' }, zip: { type: 'string' } } },
    },
    matchOn: [['email']],
    precedence: ['A', 'B'],
    fieldPrecedence: {},
    strategy: 'merge',
    deletePolicy: 'tombstone',
    ...overrides,
  };
}
