import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/demo-helpers';
import { type HubProcess, spawnHub } from '../support/hub-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { DEMO_AB_CONFIG, type DemoSystems, inboxOfSystem, startDemoSystems, sum } from './support/demo-systems';
import { FULL, freePort, outboxByStatus, pause, printSummary, size, versionCounts } from './support/reliability';
import { checkWrites, demoSystemWrites } from './support/target-report';

const RECORDS = size(20, 100);
/** rounds of edits in A while B is down, spread over the outage */
const ROUNDS = size(5, 10);
const OUTAGE_MS = size(15_000, 4 * 60_000);
/** rounds of edits right after B is back, while the backlog drains: newer states race the retried older ones */
const AFTER_ROUNDS = 3;
const TOTAL_ROUNDS = ROUNDS + AFTER_ROUNDS;
const lastName = (round: number) => `n-${String(round).padStart(3, '0')}`;

/**
 * System B answers every request with 503 for a long time (its fault injection) while
 * contacts keep changing in A. With the retry policy of the fixture (40 attempts from 200 ms) nothing becomes a
 * dead letter; after B recovers every record reaches it, in order (B never receives an older state of a record
 * after a newer one), and B, A and the golden record end up the same.
 */
describe('reliability: a target system down for a long time', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  let systems: DemoSystems;
  let hub: HubProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase('hub_rel_outage');
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGTERM');
      await hub.waitForExit().catch(() => hub?.child.kill('SIGKILL'));
    }
    await systems?.close();
    await sql?.end();
    await db?.drop();
  });

  it(`delivers everything after ${OUTAGE_MS / 1000} s of 503s, in order per record, no dead letter`, async () => {
    const started = Date.now();
    const port = await freePort();
    const hubUrl = `http://127.0.0.1:${port}`;
    systems = await startDemoSystems(hubUrl, hubUrl);
    const { a, b, A, B } = systems;
    hub = await spawnHub({ DATABASE_URL: db.url, HUB_CONFIG: DEMO_AB_CONFIG, LOG_LEVEL: 'warn', HUB_WORKER_IDLE_MS: '50', ...systems.hubEnv }, port);

    const ids: string[] = [];
    for (let i = 0; i < RECORDS; i++) {
      const created = await A.edit({ entity: 'contacts', action: 'create', data: { email: `outage${i}@example.com`, firstName: 'Out', lastName: lastName(0) } });
      ids.push(String(created.id));
    }
    await eventually(() => b.store.count('customers') === RECORDS, 60_000, 100);
    await systems.waitForIdle(sql, 60_000);

    // Every state B is sent from now on, in the order B applies them.
    const appliedAtB: { email: string; lastName: string }[] = [];
    b.store.onChange((c) => appliedAtB.push({ email: String(c.record.email_address), lastName: String(c.record.last_name) }));

    await B.fault({ status: 503 });
    for (let round = 1; round <= ROUNDS; round++) {
      await Promise.all(ids.map((id) => A.edit({ entity: 'contacts', action: 'update', id, data: { lastName: lastName(round) } })));
      await pause(OUTAGE_MS / ROUNDS);
    }
    const duringOutage = await outboxByStatus(sql, 'B');
    const faults = b.stats().requests.filter((r) => r.outcome === 'fault').length;
    const { rows: attemptsRows } = await sql.query(`SELECT max(attempts)::int AS max FROM outbox WHERE system = 'B'`);
    await B.fault({});
    for (let round = ROUNDS + 1; round <= TOTAL_ROUNDS; round++) {
      await Promise.all(ids.map((id) => A.edit({ entity: 'contacts', action: 'update', id, data: { lastName: lastName(round) } })));
      await pause(500);
    }

    // Full-jitter backoff: the attempt after recovery comes up to about as long again as the outage lasted
    // (each step capped at 10 min), so the wait allowed here grows with the outage.
    await eventually(async () => {
      const { rows } = await sql.query(
        `SELECT id, attempts, round(extract(epoch FROM next_attempt_at - now()))::int AS due_in_s, last_code FROM outbox
          WHERE system = 'B' AND status = 'pending'`,
      );
      expect(rows).toEqual([]);
    }, size(120_000, 20 * 60_000), 500);
    await systems.waitForIdle(sql, 60_000);
    hub.child.kill('SIGTERM');
    await hub.waitForExit();

    expect(faults).toBeGreaterThan(0);
    expect(duringOutage.dead ?? 0).toBe(0);
    const outbox = await outboxByStatus(sql, 'B');
    expect(Object.keys(outbox).filter((s) => s !== 'delivered' && s !== 'superseded')).toEqual([]);

    // In order per record: B never got an older last name after a newer one, and ends on the last one.
    const latest = new Map<string, string>();
    const backwards = appliedAtB.filter((w) => {
      const before = latest.get(w.email) ?? '';
      latest.set(w.email, w.lastName > before ? w.lastName : before);
      return w.lastName < before;
    });
    expect(backwards).toEqual([]);
    const final = lastName(TOTAL_ROUNDS);
    expect(b.store.count('customers')).toBe(RECORDS);
    const bRecords = b.store.page('customers', { limit: 1000 }).data;
    expect(bRecords.filter((r) => r.last_name !== final)).toEqual([]);
    const { rows: golden } = await sql.query(`SELECT count(*)::int AS n FROM golden_record WHERE data->>'lastName' = $1`, [final]);
    expect(golden[0].n).toBe(RECORDS);

    // Every change from A applied once; B's echoes of the hub's writes recognised, not applied.
    const inboxA = await inboxOfSystem(sql, 'A');
    expect(inboxA).toEqual({ applied: RECORDS * (TOTAL_ROUNDS + 1) });
    // B's echoes of the hub's writes are recognised; only a create's echo may come before the hub stored B's id,
    // and is then linked by e-mail (a documented gap), changing nothing.
    const { rows: fromB } = await sql.query(
      `SELECT status, coalesce(reason, '') AS reason, count(*)::int AS n FROM inbox_event WHERE system = 'B'
        AND NOT (status IN ('echo', 'noop') OR (status = 'applied' AND reason = 'LINKED' AND event_type = 'customers.created'))
        GROUP BY 1, 2`,
    );
    expect(fromB).toEqual([]);
    const v = await versionCounts(sql);
    expect(v).toMatchObject({ records: RECORDS, versions: RECORDS * (TOTAL_ROUNDS + 1), gapped: 0, changedGoldenOnce: RECORDS * (TOTAL_ROUNDS + 1), strayVersions: 0 });

    const { writes, complete } = demoSystemWrites(b.stats());
    expect(complete).toBe(true);
    const w = await checkWrites(sql, 'B', writes);
    expect(w).toMatchObject({ appliedTwice: [], appliedWithoutCause: [], replayedWithoutCause: [], deliveredNotReceived: 0 });
    expect(sum(a.stats().writes.contacts ?? {})).toBe(0);

    printSummary(`target-outage${FULL ? '' : ' (fast)'}`, {
      outageSeconds: OUTAGE_MS / 1000, records: RECORDS, editsInA: RECORDS * TOTAL_ROUNDS, editsDuringOutage: RECORDS * ROUNDS, faultsAtB: faults, maxAttempts: attemptsRows[0].max,
      deadDuringOutage: duringOutage.dead ?? 0, writesAppliedAtB: w.applied, writesAfterOutage: appliedAtB.length, outOfOrder: backwards.length,
      outboxDelivered: outbox.delivered ?? 0, outboxSuperseded: outbox.superseded ?? 0, versions: v.versions,
      seconds: Math.round((Date.now() - started) / 1000),
    });
  });
});
