import type { EntityManager } from 'typeorm';
import type { CanonicalRecord, ResolvedEntityType } from '../catalog/catalog.types';
import type { SuspectRulesConfig } from '../config/hub-config.schema';
import { blockingKeys, type BlockKey } from './domain/blocking-keys';
import { isSuspect, ruleName, scorePair } from './domain/suspect-score';
import { type BlockWrites, dropAllBlocks, loadLiveRecords, lockDetection, probeBlocks, writeBlocksAndLock } from './match-block.repository';
import {
  closeSuspects, dismissedAmong, identityKeys, isDismissed, pairsOf, type SuspectClose, type SuspectDraft, type SuspectRow,
  upsertSuspects,
} from './match-suspect.repository';

export type SuspectEntityType = ResolvedEntityType & { suspects: SuspectRulesConfig };

export interface LiveRecord {
  id: string;
  data: CanonicalRecord;
  /** its blocking keys, when the caller has computed them already */
  keys?: BlockKey[];
}

export interface DetectionResult {
  /** pairs scored in full */
  compared: number;
  /** pairs at or above the threshold, stored open (or kept open with their new score) */
  suspects: SuspectDraft[];
  /** open pairs closed: now below the threshold, or remembered as "not a match" */
  closed: number;
  /** of `suspects`, the pairs opened or changed (the rest were stored already, as they are) */
  stored: number;
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
   * `probe` 'trigram' leaves equality keys unprobed: a scan pairs them up afterwards, block by block (detectPairs).
   */
  async detect(records: LiveRecord[], blocks: BlockWrites | 'replace', probe: ProbeKinds = 'all'): Promise<DetectionResult> {
    if (records.length === 0) return { compared: 0, suspects: [], closed: 0, stored: 0 };
    const keyed = records.map((r) => ({ ...r, keys: r.keys ?? blockingKeys(this.type, this.type.suspects, r.data) }));
    // The keys, then the lock (one statement), then the probe in a statement of its own: see writeBlocksAndLock.
    if (blocks === 'replace') {
      await dropAllBlocks(this.m, records.map((r) => r.id), usesTrigrams(this.type.suspects));
      await writeBlocksAndLock(this.m, this.type.name, { drop: [], add: keyed.flatMap((r) => r.keys.map((k) => ({ ...k, goldenId: r.id }))) });
    } else {
      await writeBlocksAndLock(this.m, this.type.name, blocks);
    }
    const found = await this.lookup(keyed, probe);
    const stored = await upsertSuspects(this.m, found.suspects);
    await closeSuspects(this.m, found.closes);
    return { compared: found.compared, suspects: found.suspects, closed: found.closes.length, stored };
  }

  /**
   * The read side of detection, writing nothing: candidates from the blocking keys (and the records' stored open
   * pairs, rescored even when they no longer share a key), every pair scored, "not a match" memory applied. Answers
   * the pairs to store and the open pairs to close.
   */
  async lookup(records: LiveRecord[], probe: ProbeKinds = 'all'): Promise<Found> {
    const rules = this.type.suspects;
    const byId = new Map(records.map((r) => [r.id, r]));
    const probes: BlockKey[] = [];
    const probeIndex = new Map<string, number>();
    const probesOf = new Map<string, number[]>();
    for (const r of records) {
      const keys = r.keys ?? blockingKeys(this.type, rules, r.data);
      probesOf.set(r.id, (probe === 'all' ? keys : keys.filter((k) => k.trigram)).map((k) => {
        const text = `${k.block}\u0000${k.value}\u0000${k.trigram}`;
        let n = probeIndex.get(text);
        if (n === undefined) {
          n = probes.length;
          probes.push(k);
          probeIndex.set(text, n);
        }
        return n;
      }));
    }
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
      if (row.status === 'open') pair(row.golden_a, row.golden_b);
    }
    return this.score(candidates, new Map(records.map((r) => [r.id, r.data])), stored);
  }

  /**
   * A scan's second pass: pairs of records sharing an equality block (read in key order, see pairedBlocks), scored and
   * stored as detect stores them, under the detection lock. Records no longer live are left out.
   */
  async detectPairs(candidates: Map<string, Set<string>>): Promise<DetectionResult> {
    if (candidates.size === 0) return { compared: 0, suspects: [], closed: 0, stored: 0 };
    await lockDetection(this.m, this.type.name);
    const ids = [...new Set([...candidates].flatMap(([a, bs]) => [a, ...bs]))];
    const known = new Map((await pairsOf(this.m, ids)).map((row) => [`${row.golden_a}|${row.golden_b}`, row]));
    const found = await this.score(candidates, new Map(), known);
    const stored = await upsertSuspects(this.m, found.suspects);
    await closeSuspects(this.m, found.closes);
    return { compared: found.compared, suspects: found.suspects, closed: found.closes.length, stored };
  }

  /** Every candidate pair (lower id first) scored, "not a match" memory applied; `known`: data already read. */
  private async score(candidates: Map<string, Set<string>>, known: Map<string, CanonicalRecord>, stored: Map<string, SuspectRow>): Promise<Found> {
    const rules = this.type.suspects;
    const outside = [...new Set([...candidates].flatMap(([a, bs]) => [a, ...bs]))].filter((id) => !known.has(id));
    const data = new Map(known);
    for (const row of await loadLiveRecords(this.m, this.type.name, outside)) data.set(row.id, row.data);

    let compared = 0;
    const passing: SuspectDraft[] = [];
    const failing: SuspectRow[] = [];
    for (const [a, bs] of candidates) {
      for (const b of bs) {
        const row = stored.get(`${a}|${b}`);
        if (!data.has(a) || !data.has(b)) continue;
        compared++;
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

    const involved = [...new Set(passing.flatMap((p) => [p.a, p.b]))];
    const identities = await identityKeys(this.m, this.type.name, involved);
    const dismissed = await dismissedAmong(this.m, this.type.name, [...new Set([...identities.values()].flat())]);
    const remembered = (p: SuspectDraft) => isDismissed(dismissed, identities.get(p.a)!, identities.get(p.b)!);
    const closes: SuspectClose[] = [
      ...failing.map((row): SuspectClose => ({ id: row.id, status: 'dismissed', resolution: 'no_longer_similar' })),
      // An open pair whose records now carry a cross-reference remembered as "not a match" (after a merge) closes.
      ...passing.filter((p) => stored.get(`${p.a}|${p.b}`)?.status === 'open' && remembered(p))
        .map((p): SuspectClose => ({ id: stored.get(`${p.a}|${p.b}`)!.id, status: 'dismissed', resolution: 'not_a_match' })),
    ];
    return { compared, suspects: passing.filter((p) => !remembered(p)), closes };
  }
}

type Found = { compared: number; suspects: SuspectDraft[]; closes: SuspectClose[] };

/** Which of a record's keys detect probes: all, or only the trigram ones (a scan's first pass). */
export type ProbeKinds = 'all' | 'trigram';

export function usesTrigrams(rules: SuspectRulesConfig): boolean {
  return rules.rules.some((r) => Object.values(r.fields).some((f) => f.method === 'trigram'));
}
