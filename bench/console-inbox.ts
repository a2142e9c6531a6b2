import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { type BenchServer, CONFIG_PATH, createDatabase, fmt, runAsScript } from './bench-env';
import { percentile, spawnHubChild } from './hub-child';

/**
 * The conflict inbox with 10,000 open conflicts (and 30,000 decided ones beside them): the GraphQL page query the
 * console sends, the facet counts, and the first page in Chromium from navigation to the first rows rendered.
 * Baseline in the same run: the same list query without the inbox indexes (migration ConsoleReads), i.e. on the
 * indexes the table had before.
 */
const OPEN = Number(process.env.BENCH_INBOX_OPEN ?? 10_000);
const DECIDED = OPEN * 3;
const RUNS = 30;
const BROWSER_RUNS = 7;
const KEY = 'bench-admin-key-0123456789abcdef';

// The console's ConflictInbox and ConflictFacets documents (console/src/conflicts/conflict-queries.ts).
const LIST = `query ConflictInbox($status: ConflictStatus, $first: Int) { conflicts(status: $status, first: $first) {
  nodes { id goldenRecordId entityType field status rule values winner winningValue createdAt resolvedAt resolvedBy goldenRecord { id data } }
  pageInfo { hasNextPage endCursor } } }`;
const FACETS = `query ConflictFacets($status: ConflictStatus) { conflictFacets(status: $status) {
  total status { value count } entityType { value count } field { value count } system { value count } age { value count } } }`;

async function seed(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // One golden contact per open conflict; decided conflicts spread over the same records. Times over 30 days.
    await c.query(`INSERT INTO golden_record (id, entity_type, version, data)
      SELECT md5('g' || i)::uuid, 'contact', 2, jsonb_build_object('email', 'p' || i || '@example.com', 'firstName', 'First' || i, 'lastName', 'Last' || i)
        FROM generate_series(1, $1) i`, [OPEN]);
    await c.query(`INSERT INTO conflict (id, golden_id, entity_type, field, status, rule, candidates, winner, winning_value, created_at)
      SELECT md5('c' || i)::uuid, md5('g' || (1 + i % $1))::uuid, 'contact', (ARRAY['firstName', 'lastName', 'phone', 'status'])[1 + i % 4],
             CASE WHEN i <= $1 THEN 'open' WHEN i % 2 = 0 THEN 'auto_resolved' ELSE 'resolved' END,
             CASE WHEN i <= $1 THEN 'manual' ELSE 'merge:precedence' END,
             jsonb_build_array(jsonb_build_object('system', 'A', 'value', 'a' || i, 'at', now()),
                               jsonb_build_object('system', 'B', 'value', 'b' || i, 'at', now())),
             CASE WHEN i <= $1 THEN NULL ELSE 'A' END, CASE WHEN i <= $1 THEN NULL ELSE to_jsonb('a' || i) END,
             now() - (i % 43200) * interval '1 minute'
        FROM generate_series(1, $2) i`, [OPEN, OPEN + DECIDED]);
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}

async function timeQuery(baseUrl: string, query: string): Promise<{ p50: number; p95: number; rows: number }> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { status: 'open', first: 50 } }),
    });
    const body = (await res.json()) as { data?: { conflicts?: { nodes: unknown[] }; conflictFacets?: { total: number } }; errors?: unknown };
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    rows = body.data.conflicts?.nodes.length ?? body.data.conflictFacets?.total ?? 0;
    if (i >= 3) ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), rows };
}

/**
 * Navigation to a page element in a fresh tab, median of BROWSER_RUNS (one warm-up). `withKey`: the key already in the
 * tab's sessionStorage, as after signing in.
 */
async function inBrowser(baseUrl: string, route: string, selector: string, withKey: boolean): Promise<{ p50: number; max: number }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const ms: number[] = [];
  try {
    for (let i = 0; i < BROWSER_RUNS + 1; i++) {
      // A fresh context each time: no cached script, a steward opening the inbox with the key already pasted in the tab.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      if (withKey) await context.addInitScript(`sessionStorage.setItem('mdh.console.apiKey', ${JSON.stringify(KEY)})`);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${baseUrl}${route}`, { waitUntil: 'commit' });
      await page.locator(selector).first().waitFor();
      const elapsed = performance.now() - t0;
      if (withKey && (await page.locator(selector).count()) !== 50) throw new Error('the first page does not have 50 rows');
      if (i >= 1) ms.push(elapsed);
      if (process.env.BENCH_DIAG && withKey) console.log(Math.round(elapsed), await page.evaluate(`JSON.stringify({ nav: performance.getEntriesByType('navigation').map((e) => [Math.round(e.responseEnd), Math.round(e.domContentLoadedEventEnd)]), res: performance.getEntriesByType('resource').map((e) => [e.name.slice(-20), Math.round(e.startTime), Math.round(e.responseEnd)]) })`));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), max: Math.max(...ms) };
}

async function plan(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM conflict WHERE status = 'open' ORDER BY created_at DESC, id DESC LIMIT 51`);
    return rows.map((r: Record<string, string>) => r['QUERY PLAN']).filter((l) => /Scan|Execution/.test(l)).map((l) => l.trim()).join('; ');
  } finally {
    await c.end();
  }
}

async function dropInboxIndexes(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('DROP INDEX conflict_status_created; DROP INDEX conflict_created; ANALYZE conflict');
  } finally {
    await c.end();
  }
}

async function bench(server: BenchServer): Promise<string[]> {
  if (!existsSync(path.resolve('dist/console/index.html'))) throw new Error('the console is not built: run `npm run build` first');
  const db = await createDatabase(server.adminUrl);
  // The hub in its own process (the built dist/src/main.js), as `npm start` runs it, apart from the browser driver.
  const hub = await spawnHubChild(db.url, { HUB_WORKERS: 'off', HUB_CONFIG: CONFIG_PATH });
  const out: string[] = [];
  try {
    const t0 = performance.now();
    await seed(db.url);
    out.push(`[console-inbox ${server.label} ${server.version}] seeded ${fmt(OPEN)} open + ${fmt(DECIDED)} decided conflicts in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const list = await timeQuery(hub.baseUrl, LIST);
    const facets = await timeQuery(hub.baseUrl, FACETS);
    out.push(`  GraphQL first page (50 rows, with each row's golden record): p50 ${fmt(list.p50, 1)} ms, p95 ${fmt(list.p95, 1)} ms (${RUNS} runs)`);
    out.push(`  GraphQL facet counts (total ${fmt(facets.rows)}): p50 ${fmt(facets.p50, 1)} ms, p95 ${fmt(facets.p95, 1)} ms`);
    out.push(`  plan: ${await plan(db.url)}`);
    const rows = await inBrowser(hub.baseUrl, '/console/conflicts', 'table.conflicts tbody tr[data-conflict-id]', true);
    const shell = await inBrowser(hub.baseUrl, '/console/', '#api-key', false);
    out.push(`  Chromium, navigation to the first rows rendered: p50 ${fmt(rows.p50)} ms, max ${fmt(rows.max)} ms (${BROWSER_RUNS} fresh tabs)`);
    out.push(`  Chromium baseline, navigation to the sign-in form (the app without data): p50 ${fmt(shell.p50)} ms, max ${fmt(shell.max)} ms; rows cost ${fmt(rows.p50 - shell.p50)} ms more`);
    await dropInboxIndexes(db.url);
    const baseline = await timeQuery(hub.baseUrl, LIST);
    out.push(`  baseline, same query without the inbox indexes: p50 ${fmt(baseline.p50, 1)} ms, p95 ${fmt(baseline.p95, 1)} ms → with them ${fmt(baseline.p50 / list.p50, 1)}× faster`);
    out.push(`  baseline plan: ${await plan(db.url)}`);
  } finally {
    await hub.stop();
    await db.drop();
  }
  return out;
}

runAsScript(bench);
