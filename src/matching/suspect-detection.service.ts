import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActiveConfig } from '../config/active-config';
import { HubConfigService } from '../config/hub-config.service';
import { PipelineHooks } from '../golden-records/pipeline/pipeline-hooks';
import type { GoldenChange, GoldenRow } from '../golden-records/pipeline/pipeline.types';
import { blockingKeys, ruleValuesDiffer } from './domain/blocking-keys';
import { type BlockWrites, lockDetection, type OwnedKey, pairedBlocks } from './match-block.repository';
import { rememberUnmerge } from './match-suspect.repository';
import { type DetectionResult, type LiveRecord, type ProbeKinds, SuspectDetector, type SuspectEntityType } from './suspect-detector';

export interface FindSuspectsResult extends DetectionResult {
  /** records looked at (live ones detected, tombstoned ones retired) */
  records: number;
}

/**
 * Match suspects on golden changes: a listener on the pipeline's in-transaction hooks (as the outbox is), so every
 * batch, and every steward action, looks for the suspects of the records it created or whose rule fields it
 * changed, in the same transaction and set-based. findSuspectsFor is the same detection over any set of records
 * (a scan over existing records calls it batch by batch).
 */
@Injectable()
export class SuspectDetectionService implements OnModuleInit {
  constructor(
    private readonly hooks: PipelineHooks,
    private readonly config: HubConfigService,
  ) {}

  onModuleInit(): void {
    this.hooks.onChanges({ onGoldenChanges: (m, changes) => this.onGoldenChanges(m, changes) });
  }

  async onGoldenChanges(m: EntityManager, changes: GoldenChange[]): Promise<void> {
    const active = this.config.current();
    const net = new Map<string, { golden: GoldenRow; previous: GoldenRow | null; mergedInto?: string }>();
    for (const c of changes) {
      if (c.correctionOnly || !suspectType(active, c.golden.entityType)) continue;
      const seen = net.get(c.golden.id);
      const mergedInto = (c.version.cause as unknown as { mergedInto?: unknown }).mergedInto;
      net.set(c.golden.id, {
        golden: c.golden,
        previous: seen ? seen.previous : c.previous,
        mergedInto: typeof mergedInto === 'string' ? mergedInto : seen?.mergedInto,
      });
    }
    // An unmerge restores the duplicate: the pair is remembered as not a match before anything is detected.
    const unmerged: { type: string; a: string; b: string; by: string }[] = [];
    for (const c of changes) {
      const cause = c.version.cause as unknown as { kind?: string; splitFrom?: unknown; actor?: unknown };
      if (cause.kind !== 'unmerge' || typeof cause.splitFrom !== 'string' || c.golden.deleted || !suspectType(active, c.golden.entityType)) continue;
      unmerged.push({ type: c.golden.entityType, a: c.golden.id, b: cause.splitFrom, by: typeof cause.actor === 'string' ? cause.actor : 'hub' });
    }
    for (const u of unmerged) {
      await lockDetection(m, u.type);
      await rememberUnmerge(m, u.type, u.a, u.b, u.by);
    }
    const byType = new Map<string, { live: LiveRecord[]; dead: { id: string; mergedInto?: string }[]; blocks: BlockWrites }>();
    for (const { golden, previous, mergedInto } of net.values()) {
      const type = suspectType(active, golden.entityType)!;
      if (!byType.has(type.name)) byType.set(type.name, { live: [], dead: [], blocks: { drop: [], add: [] } });
      const group = byType.get(type.name)!;
      if (golden.deleted) {
        if (!previous?.deleted) group.dead.push({ id: golden.id, mergedInto });
        continue;
      }
      const fresh = !previous || previous.deleted;
      if (!fresh && !ruleValuesDiffer(type, type.suspects, previous.data, golden.data)) continue;
      // Only the difference is written: a created or restored record has no keys yet (a tombstone dropped them).
      const owned = (data: Record<string, unknown>): OwnedKey[] => blockingKeys(type, type.suspects, data).map((k) => ({ ...k, goldenId: golden.id }));
      const after = owned(golden.data);
      group.live.push({ id: golden.id, data: golden.data, keys: after });
      const before = fresh ? [] : owned(previous.data);
      const id = (k: OwnedKey) => `${k.block}\u0000${k.value}\u0000${k.trigram}`;
      const had = new Set(before.map(id));
      const has = new Set(after.map(id));
      group.blocks.drop.push(...before.filter((k) => !has.has(id(k))));
      group.blocks.add.push(...after.filter((k) => !had.has(id(k))));
    }
    for (const [name, { live, dead, blocks }] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const detector = new SuspectDetector(m, suspectType(active, name)!);
      await detector.retire(dead);
      await detector.detect(live, blocks);
    }
  }

  /**
   * The suspects of these golden records as they are now: blocking keys rewritten, open pairs rescored or closed,
   * new pairs stored. Tombstoned records lose their keys and open pairs. Inside the caller's transaction.
   * `probe` 'trigram': equality keys are written but not probed (a scan pairs them up afterwards: findBlockSuspects).
   */
  async findSuspectsFor(m: EntityManager, goldenIds: string[], probe: ProbeKinds = 'all'): Promise<FindSuspectsResult> {
    const result: FindSuspectsResult = { records: 0, compared: 0, suspects: [], closed: 0, stored: 0 };
    if (goldenIds.length === 0) return result;
    const active = this.config.current();
    const rows: { id: string; entity_type: string; deleted: boolean; data: Record<string, unknown> }[] = await m.query(
      `SELECT id, entity_type, deleted, data FROM golden_record WHERE id = ANY($1::uuid[]) ORDER BY id`, [[...new Set(goldenIds)]],
    );
    const types = [...new Set(rows.map((r) => r.entity_type))].sort();
    for (const name of types) {
      const type = suspectType(active, name);
      if (!type) continue;
      const mine = rows.filter((r) => r.entity_type === name);
      const detector = new SuspectDetector(m, type);
      result.closed += await detector.retire(mine.filter((r) => r.deleted).map((r) => ({ id: r.id })));
      const found = await detector.detect(mine.filter((r) => !r.deleted).map((r) => ({ id: r.id, data: r.data })), 'replace', probe);
      result.records += mine.length;
      result.compared += found.compared;
      result.closed += found.closed;
      result.stored += found.stored;
      result.suspects.push(...found.suspects);
    }
    return result;
  }

  /**
   * The suspects among records sharing equality blocks, `limit` keys read after `after` (see pairedBlocks): every pair
   * of a block scored once. Answers the result and where the next read starts (null: every block read).
   */
  async findBlockSuspects(m: EntityManager, entityType: string, after: string | null, limit: number): Promise<DetectionResult & { next: string | null }> {
    const type = suspectType(this.config.current(), entityType);
    if (!type) return { compared: 0, suspects: [], closed: 0, stored: 0, next: null };
    const { blocks, next } = await pairedBlocks(m, after, limit);
    const candidates = new Map<string, Set<string>>();
    for (const ids of blocks) {
      for (const x of ids) {
        for (const y of ids) {
          if (x >= y) continue;
          if (!candidates.has(x)) candidates.set(x, new Set());
          candidates.get(x)!.add(y);
        }
      }
    }
    return { ...(await new SuspectDetector(m, type).detectPairs(candidates)), next };
  }
}

function suspectType(active: ActiveConfig, name: string): SuspectEntityType | undefined {
  const type = Object.hasOwn(active.entityTypes, name) ? active.entityTypes[name] : undefined;
  return type?.suspects && type.suspects.rules.length > 0 ? (type as SuspectEntityType) : undefined;
}
