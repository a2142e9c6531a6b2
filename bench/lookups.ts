import { createHash } from 'node:crypto';
import { email } from './contacts';
import { percentile } from './hub-child';
import { rng } from './mix';
import { seededGoldenId } from './scale-seed';

/**
 * Lookup latency through the public APIs, one request at a time (so it is latency, not throughput), for
 * persons drawn at random from the whole seeded table. Every answer is checked to be the expected record.
 */

const AUTH = { authorization: 'Bearer bench-admin-key-0123456789abcdef', 'content-type': 'application/json' };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

interface Kind {
  name: string;
  run(baseUrl: string, n: number, id: string): Promise<string | undefined>;
}

async function graphql(baseUrl: string, query: string, variables: Record<string, unknown>): Promise<Record<string, { id: string } | null>> {
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: AUTH, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, { id: string } | null>; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function rest<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: AUTH });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

const KINDS: Kind[] = [
  {
    name: 'by cross-reference: GraphQL goldenRecordBySource(A, a-<n>)',
    run: async (baseUrl, n) => (await graphql(baseUrl,
      'query($x: String!) { goldenRecordBySource(system: "A", entityType: "contact", externalId: $x) { id version data } }', { x: `a-${n}` })).goldenRecordBySource?.id,
  },
  {
    name: 'by match-key field: REST ?filter={"email":…}',
    run: async (baseUrl, n) => {
      const page = await rest<{ items: { id: string }[] }>(`${baseUrl}/api/golden-records/contact?filter=${encodeURIComponent(JSON.stringify({ email: email(n) }))}`);
      return page.items.length === 1 ? page.items[0].id : `${page.items.length} items`;
    },
  },
  {
    name: 'by id: GraphQL goldenRecord(id:)',
    run: async (baseUrl, _n, id) => (await graphql(baseUrl, 'query($id: ID!) { goldenRecord(id: $id) { id version data } }', { id })).goldenRecord?.id,
  },
  {
    name: 'by id: REST GET /api/golden-records/contact/<id> (with sources)',
    run: async (baseUrl, _n, id) => (await rest<{ id: string }>(`${baseUrl}/api/golden-records/contact/${id}`)).id,
  },
];

export interface LookupResult {
  name: string;
  p50: number;
  p99: number;
  wrong: number;
}


/** `pool`: persons [0, pool) are seeded and neither deleted nor re-keyed by the mix. Kinds take turns. */
export async function measureLookups(baseUrl: string, pool: number, count: number, warmup = 100): Promise<LookupResult[]> {
  const random = rng(7);
  const times = KINDS.map(() => [] as number[]);
  const wrong = KINDS.map(() => 0);
  for (let i = 0; i < warmup + count; i++) {
    const n = Math.floor(random() * pool);
    const id = seededGoldenId(n, md5);
    for (const [k, kind] of KINDS.entries()) {
      const t0 = performance.now();
      const found = await kind.run(baseUrl, n, id);
      const ms = performance.now() - t0;
      if (i < warmup) continue;
      times[k].push(ms);
      if (found !== id) wrong[k]++;
    }
  }
  return KINDS.map((kind, k) => {
    const sorted = times[k].sort((a, b) => a - b);
    return { name: kind.name, p50: percentile(sorted, 50), p99: percentile(sorted, 99), wrong: wrong[k] };
  });
}
