import type { EntityManager } from 'typeorm';
import type { CanonicalRecord, ResolvedEntityType } from '../catalog/catalog.types';
import type { SuspectRulesConfig } from '../config/hub-config.schema';
import { blockingKeys, type BlockKey } from './domain/blocking-keys';
import { isSuspect, ruleName, scorePair } from './domain/suspect-score';
import { type BlockWrites, dropAllBlocks, loadLiveRecords, probeBlocks, writeBlocks } from './match-block.repository';
import {
  closeSuspects, dismissedAmong, identityKeys, isDismissed, lockDetection, pairsOf, type SuspectClose, type SuspectDraft, type SuspectRow,
  upsertSuspects,
} from './match-suspect.repository';

export type SuspectEntityType = ResolvedEntityType & { suspects: SuspectRulesConfig };

export interface LiveRecord {
  id: string;
  data: CanonicalRecord;
}

export interface DetectionResult {
  /** pairs scored in full */
  compared: number;
  /** pairs at or above the threshold, stored open (or kept open with their new score) */
  suspects: SuspectDraft[];
  /** open pairs closed: now below the threshold, or remembered as "not a match" */
  closed: number;
}

/**
 * Finds the suspects of a set of records of one entity type in a fixed number of statements, whatever the set's
 * size: their blocking keys are written, then under the type's detection lock every key is probed at once, the
 * candidates' data read at once, every pair scored in memory, "not a match" memory read at once, and the result
 * written in one upsert. Pairs are stored once, lower golden id first.
 */
export class SuspectDetector {
  constructor(
    private readonly m: EntityManager,
    private readonly type: SuspectEntityType,
  ) {}

  /** Records gone (tombstoned): no blocking keys, and their open suspects closed. */
  async retire(dead: { id: string; mergedInto?: string }[]): Promise<number> {
    if (dead.length === 0) return 0;
    await dropAllBlocks(this.m, dead.map((d) => d.id), usesTrigrams(this.type.suspects));
    const into = new Map(dead.map((d) => [d.id, d.mergedInto]));
    const closes: SuspectClose[] = [];
    for (const row of await pairsOf(this.m, [...into.keys()])) {
      if (row.status !== 'open') continue;
      const gone = into.has(row.golden_a) ? row.golden_a : row.golden_b;
      const partner = gone === row.golden_a ? row.golden_b : row.golden_a;
      const mergedInto = into.get(gone);
      // Merged into its partner, by the queue or a steward's merge: the pair is resolved as merged. Merged into a
      // third record or deleted: the hub closes it; the survivor's own suspects are looked for on its new version.
      if (mergedInto === partner) closes.push({ id: row.id, status: 'merged', resolution: 'merged', survivorId: partner });
      else closes.push({ id: row.id, status: 'dismissed', resolution: mergedInto ? 'record_merged' : 'record_deleted' });
    }
    await closeSuspects(this.m, closes);
    return closes.length;
  }

  /**
   * `blocks`: the keys to drop and add (the pipeline knows each record's previous values, so only the difference is
   * written), or 'replace' to rewrite every key of the records (a scan, where what is stored is not known).
   */
  async detect(records: LiveRecord[], blocks: BlockWrites | 'replace'): Promise<DetectionResult> {
    const result: DetectionResult = { compared: 0, suspects: [], closed: 0 };
    if (records.length === 0) return result;
    const rules = this.type.suspects;
    const byId = new Map(records.map((r) => [r.id, r]));
    const probes: BlockKey[] = [];
    const probeIndex = new Map<string, number>();
    const probesOf = new Map<string, number[]>();
    const all = records.flatMap((r) => {
      const keys = blockingKeys(this.type, rules, r.data);
      probesOf.set(r.id, keys.map((k) => {
        const text = `${k.block}\u0000${k.value}\u0000${k.trigram}`;
        let n = probeIndex.get(text);
        if (n === undefined) {
          n = probes.length;
          probes.push(k);
          probeIndex.set(text, n);
        }
        return n;
      }));
      return keys.map((k) => ({ ...k, goldenId: r.id }));
    });
    // Keys first, then the lock: a concurrent transaction's keys are in the table before either probes.
    if (blocks === 'replace') {
      await dropAllBlocks(this.m, records.map((r) => r.id), usesTrigrams(rules));
      await writeBlocks(this.m, this.type.name, { drop: [], add: all });
    } else {
      await writeBlocks(this.m, this.type.name, blocks);
    }
    await lockDetection(this.m, this.type.name);
    const members = await probeBlocks(this.m, this.type.name, probes);

    const candidates = new Map<string, Set<string>>();
    const pair = (x: string, y: string) => {
      if (x === y) return;
      const [a, b] = x < y ? [x, y] : [y, x];
      if (!candidates.has(a)) candidates.set(a, new Set());
      candidates.get(a)!.add(b);
    };
    for (const r of records) for (const n of probesOf.get(r.id)!) for (const other of members.get(n) ?? []) pair(r.id, other);
    const stored = new Map<string, SuspectRow>();
    for (const row of await pairsOf(this.m, [...byId.keys()])) {
      stored.set(`${row.golden_a}|${row.golden_b}`, row);
      // An open pair is scored again even when the records no longer share a key: it may have to close.
      if (row.status === 'open') pair(row.golden_a, row.golden_b);
    }

    const outside = [...new Set([...candidates].flatMap(([a, bs]) => [a, ...bs]))].filter((id) => !byId.has(id));
    const data = new Map<string, CanonicalRecord>(records.map((r) => [r.id, r.data]));
    for (const row of await loadLiveRecords(this.m, this.type.name, outside)) data.set(row.id, row.data);

    const passing: SuspectDraft[] = [];
    const failing: SuspectRow[] = [];
    for (const [a, bs] of candidates) {
      for (const b of bs) {
        const row = stored.get(`${a}|${b}`);
        if (!data.has(a) || !data.has(b)) continue;
        result.compared++;
        const score = scorePair(this.type, rules, data.get(a)!, data.get(b)!);
        if (isSuspect(rules, score)) {
          passing.push({
            entityType: this.type.name, a, b, score: score.score, fields: score.fields,
            rule: { index: score.ruleIndex, name: ruleName(rules.rules[score.ruleIndex], score.ruleIndex) },
          });
        } else if (row?.status === 'open') {
          failing.push(row);
        }
      }
    }

    const openPassing = passing.filter((p) => stored.get(`${p.a}|${p.b}`)?.status === 'open');
    const involved = [...new Set(passing.flatMap((p) => [p.a, p.b]))];
    const identities = await identityKeys(this.m, this.type.name, involved);
    const dismissed = await dismissedAmong(this.m, this.type.name, [...new Set([...identities.values()].flat())]);
    const remembered = (p: SuspectDraft) => isDismissed(dismissed, identities.get(p.a)!, identities.get(p.b)!);
    result.suspects = passing.filter((p) => !remembered(p));
    const closes: SuspectClose[] = [
      ...failing.map((row): SuspectClose => ({ id: row.id, status: 'dismissed', resolution: 'no_longer_similar' })),
      // An open pair whose records now carry a cross-reference remembered as "not a match" (after a merge) closes.
      ...openPassing.filter(remembered).map((p): SuspectClose => ({ id: stored.get(`${p.a}|${p.b}`)!.id, status: 'dismissed', resolution: 'not_a_match' })),
    ];
    await upsertSuspects(this.m, result.suspects);
    await closeSuspects(this.m, closes);
    result.closed = closes.length;
    return result;
  }
}

export function usesTrigrams(rules: SuspectRulesConfig): boolean {
  return rules.rules.some((r) => Object.values(r.fields).some((f) => f.method === 'trigram'));
}
