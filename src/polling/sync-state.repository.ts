import type { EntityManager } from 'typeorm';
import type { WatermarkPosition } from './domain/watermark';

export interface StoredWatermark extends WatermarkPosition {
  runId: string | null;
  advancedAt: Date;
}

const WATERMARK_COLUMNS = `entity_type, last_id, run_id, advanced_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at`;

interface WatermarkRow {
  entity_type: string;
  updated_at: string;
  last_id: string;
  run_id: string | null;
  advanced_at: Date;
}

/** Watermarks and schedule claims: the little state polling shares across replicas. */
export async function loadWatermark(m: EntityManager, system: string, entityType: string): Promise<StoredWatermark | null> {
  const rows: WatermarkRow[] = await m.query(
    `SELECT ${WATERMARK_COLUMNS} FROM poll_watermark WHERE system = $1 AND entity_type = $2`, [system, entityType],
  );
  return rows[0] ? toWatermark(rows[0]) : null;
}

export async function loadWatermarks(m: EntityManager, system: string): Promise<Map<string, StoredWatermark>> {
  const rows: WatermarkRow[] = await m.query(`SELECT ${WATERMARK_COLUMNS} FROM poll_watermark WHERE system = $1`, [system]);
  return new Map(rows.map((r) => [r.entity_type, toWatermark(r)]));
}

/**
 * Moves the watermark forward to `to`, never back: a manual refresh and a scheduled poll may run at
 * once, and the one finishing last must not undo the other's progress. Call only after the records up
 * to `to` are committed to the inbox.
 */
export async function advanceWatermark(m: EntityManager, system: string, entityType: string, to: WatermarkPosition, runId: string): Promise<void> {
  await m.query(
    `INSERT INTO poll_watermark AS w (system, entity_type, updated_at, last_id, run_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (system, entity_type) DO UPDATE
       SET updated_at = EXCLUDED.updated_at, last_id = EXCLUDED.last_id, run_id = EXCLUDED.run_id, advanced_at = now()
     WHERE (EXCLUDED.updated_at, EXCLUDED.last_id COLLATE "C") > (w.updated_at, w.last_id COLLATE "C")`,
    [system, entityType, to.updatedAt, to.lastId, runId],
  );
}

/**
 * Claims one tick of a scheduled job for this replica: the tick, or null when another replica took it.
 * Interval jobs: the tick is the current interval slot by the DATABASE clock (every replica agrees on
 * it whatever its own clock says). Cron jobs: the tick is the scheduled time; a claim needs to be at
 * least half the cron's shortest gap after the previous one, which absorbs replicas firing a little apart.
 */
export async function claimScheduleTick(m: EntityManager, job: string, schedule: { everyMs: number } | { tick: Date; minGapMs: number }): Promise<string | null> {
  const everyMs = 'everyMs' in schedule ? schedule.everyMs : null;
  const tick = 'tick' in schedule ? schedule.tick : null;
  const gap = 'everyMs' in schedule ? schedule.everyMs : schedule.minGapMs;
  const rows: { tick: string }[] = await m.query(
    `WITH t AS (
       SELECT COALESCE($3::timestamptz,
                       to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $2::float8) * $2::float8 / 1000.0)) AS tick
     )
     INSERT INTO schedule_claim AS c (job, last_tick) SELECT $1, tick FROM t
     ON CONFLICT (job) DO UPDATE SET last_tick = EXCLUDED.last_tick, claimed_at = now()
     WHERE c.last_tick <= EXCLUDED.last_tick - ($4::float8 / 2) * interval '1 millisecond'
     RETURNING to_char(last_tick AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS tick`,
    [job, everyMs, tick, gap],
  );
  return rows[0]?.tick ?? null;
}

function toWatermark(r: WatermarkRow): StoredWatermark {
  return { updatedAt: r.updated_at, lastId: r.last_id, runId: r.run_id, advancedAt: r.advanced_at };
}
