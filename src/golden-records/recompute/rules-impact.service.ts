import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import type { ConfigImpactProvider, ConfigSnapshot, EntityImpact } from '../../config/config-version-hooks';
import { HubConfigService } from '../../config/hub-config.service';
import { recomputeRecord } from '../domain';
import { loadSourceRecords } from '../pipeline/golden-state.repository';
import type { GoldenRow } from '../pipeline/pipeline.types';
import { groupByGolden, recomputeSources } from './recompute-batch';
import { recomputeTargets } from './recompute-targets';

/** Golden records read per statement by the dry run: memory stays flat whatever the number of records. */
const SCAN_BATCH = 1_000;
const SAMPLE_SIZE = 50;

/**
 * The impact dry run: which golden records a new configuration version would change, per entity type whose rules it
 * changes. It walks the records as the recompute job does and decides each with the very function the job uses
 * (recomputeRecord), without writing: the records it reports are by construction those the job changes, as long as
 * nothing else changes them in between. One REPEATABLE READ snapshot, so the counts describe one moment.
 */
@Injectable()
export class RulesImpactService implements ConfigImpactProvider {
  constructor(
    config: HubConfigService,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    config.setImpactProvider(this);
  }

  async impactOf(previous: ConfigSnapshot | null, next: ConfigSnapshot): Promise<Record<string, EntityImpact>> {
    const out: Record<string, EntityImpact> = {};
    for (const target of recomputeTargets(previous, next)) {
      out[target.entityType] = await this.scan(next.entityTypes[target.entityType], target.fields);
    }
    return out;
  }

  private scan(entityType: ResolvedEntityType, fields: string[]): Promise<EntityImpact> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const impact: EntityImpact = { rulesChanged: fields, records: 0, fields: {}, sample: [] };
      const now = new Date().toISOString();
      let after: string | null = null;
      for (;;) {
        const golden = await nextGolden(m, entityType.name, after);
        if (golden.length === 0) break;
        const sources = groupByGolden(await loadSourceRecords(m, golden.map((g) => g.id)));
        for (const g of golden) {
          const result = recomputeRecord({
            entityType, golden: { data: g.data, lineage: g.lineage }, fields, now,
            sources: recomputeSources(sources.get(g.id) ?? []),
          });
          if (!result.changed) continue;
          impact.records++;
          for (const d of result.decisions) {
            impact.fields[d.field] = (impact.fields[d.field] ?? 0) + 1;
            if (impact.sample.length < SAMPLE_SIZE) {
              impact.sample.push({
                goldenId: g.id, field: d.field, from: d.previous ?? null, to: d.value ?? null,
                winnerBefore: g.lineage[d.field]?.system ?? null, winnerAfter: d.system,
              });
            }
          }
        }
        if (golden.length < SCAN_BATCH) break;
        after = golden[golden.length - 1].id;
      }
      return impact;
    });
  }
}

async function nextGolden(m: EntityManager, entityType: string, after: string | null): Promise<Pick<GoldenRow, 'id' | 'data' | 'lineage'>[]> {
  return m.query(
    `SELECT id, data, lineage FROM golden_record
      WHERE entity_type = $1 AND ($2::uuid IS NULL OR id > $2::uuid) AND NOT deleted ORDER BY id LIMIT $3`,
    [entityType, after, SCAN_BATCH],
  );
}
