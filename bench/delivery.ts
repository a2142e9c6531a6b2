import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type BenchServer, createDatabase, fmt, runAsScript } from './bench-env';
import { cpuPerUnit, cpuSnapshot } from './cpu-meter';
import { spawnHubChild } from './hub-child';
import { startTargetServer, type TargetWrite } from './target-server';

/**
 * Delivery alone: the hub (child process, workers on, nothing else to do) drains BENCH_DELIVERY_ROWS (10,000)
 * outbox rows — creates of new contacts for B, written straight into the outbox with their golden records in
 * one transaction — to a local REST target (bench/target-server.ts). Timed from that commit until B has
 * every record. Each create is a lookup by match key and then the create (the hub's default), one request
 * each, or a few bulk requests per claim with BENCH_E2E_CONFIG=…/delivery-bulk-config.yaml.
 */
export async function benchDelivery(server: BenchServer): Promise<string[]> {
  const n = Number(process.env.BENCH_DELIVERY_ROWS ?? 10_000);
  const config = process.env.BENCH_E2E_CONFIG;
  let created = 0;
  let lastAt = 0;
  const onWrite = (w: TargetWrite) => {
    if (w.prefix === 'b' && w.method === 'POST') {
      created++;
      lastAt = w.at;
    }
  };
  const db = await createDatabase(server.adminUrl);
  const target = await startTargetServer(onWrite);
  const sql = new pg.Client({ connectionString: db.url });
  let hub;
  try {
    hub = await spawnHubChild(db.url, { BENCH_TARGET_URL: target.baseUrl, ...(config ? { HUB_CONFIG: config } : {}) });
    await sql.connect();
    const ids = Array.from({ length: n }, () => randomUUID());
    const data = ids.map((_, i) => JSON.stringify({ email: `d${i}@example.org`, firstName: `F${i}`, lastName: `L${i}` }));
    const payload = ids.map((_, i) => JSON.stringify({ email_address: `d${i}@example.org`, first_name: `F${i}`, last_name: `L${i}` }));
    await sql.query('BEGIN');
    await sql.query(`INSERT INTO golden_record (id, entity_type, version, data) SELECT g, 'contact', 1, d FROM unnest($1::uuid[], $2::jsonb[]) AS u(g, d)`, [ids, data]);
    await sql.query(
      `INSERT INTO outbox (system, entity_type, golden_id, golden_version, operation, payload, canonical, payload_hash)
       SELECT 'B', 'contact', g, 1, 'upsert', p, d, md5(p::text) FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[]) AS u(g, p, d)`,
      [ids, payload, data],
    );
    await sql.query(`SELECT pg_notify('hub_outbox', '')`);
    const cpu0 = cpuSnapshot([hub.pid]);
    const t0 = performance.now();
    await sql.query('COMMIT');
    const deadline = t0 + 600_000;
    while (created < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const seconds = ((created >= n ? lastAt : performance.now()) - t0) / 1000;
    const cpu = cpuPerUnit(cpu0, cpuSnapshot([hub.pid]), n, 'delivery');
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'delivered'`);
    return [
      `delivery [${server.label} ${server.version}] ${fmt(n)} outbox creates for B, hub child process with nothing else to do,`
        + ` target ${config ? config.split('/').pop() : 'delivery-config.yaml (one request per call)'}:`
        + ` B has ${fmt(created)}${created >= n ? ' ✔' : ' ✘'} after ${fmt(seconds, 1)} s → ${fmt(created / seconds)} deliveries/s (${fmt(rows[0].n)} recorded delivered)`
        + (cpu ? `; ${cpu}` : ''),
    ];
  } finally {
    await hub?.stop();
    await sql.end().catch(() => undefined);
    await target.close();
    await db.drop();
  }
}

if (require.main === module) runAsScript(benchDelivery);
