import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { librarySigned } from './fixtures/ingest/webhook-signing';
import { CONTACT_SYSTEMS_CONFIG, writeConfigFile } from './support/contact-systems.config';
import { startTestHub, type TestHub } from './support/test-hub';
import { SECRETS } from './support/webhooks';

/** CI runs 10,000 (FUZZ_RUNS=10000); the default keeps a local run short. Each property gets half. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const VALID_WEBHOOK = JSON.stringify({ type: 'contacts.updated', timestamp: '2024-05-01T10:00:00.000Z', data: { id: 'c-1', email: 'ada@example.com', firstName: 'Ada', birthDate: '1990-12-10' } });
const VALID_BATCH = JSON.stringify({ events: [{ id: 'e-1', type: 'contacts.updated', data: { id: 'c-2', email: 'bo@example.com' } }] });
const VALID_QUERIES = [
  '{ goldenRecords(entityType: "contact", first: 5) { nodes { id version data lineage { field system } } pageInfo { hasNextPage endCursor } } }',
  'query($id: ID!) { goldenRecord(id: $id) { id conflicts { id field } } }',
  '{ events(status: rejected, first: 3) { nodes { id status reason } } }',
  'mutation { overrideField(entityType: "contact", id: "00000000-0000-4000-8000-000000000000", field: "firstName", value: "x") { id } }',
];

/** Characters that stress parsers: structure, escapes, unicode edges, NUL. */
const NASTY = fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', '\\u0000', '\\ud800', '\u0000', '\ud83d', '😀', 'null', '-1e999', '__proto__', '\n', ' ', '$', '@', '...', '#');
const edit = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(NASTY, fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.oneof(NASTY, fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 200 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function mutate(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.op === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else if (e.op === 'delete') out = out.slice(0, at) + out.slice(at + e.length);
    else if (e.op === 'replace') out = out.slice(0, at) + e.text + out.slice(at + e.text.length);
    else out = out.slice(0, at) + out.slice(at, at + 3).repeat(e.times) + out.slice(at + 3);
  }
  return out;
}

describe(`fuzz: ${RUNS} random mutations of valid webhook bodies and GraphQL queries`, () => {
  let hub: TestHub;
  let config: { file: string; remove(): void };
  const fives: string[] = [];

  beforeAll(async () => {
    config = writeConfigFile(CONTACT_SYSTEMS_CONFIG);
    hub = await startTestHub({ HUB_CONFIG: config.file });
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  it('never answers 5xx to a mutated signed webhook or batch', async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 4 }), async (batch, edits) => {
      const body = mutate(batch ? VALID_BATCH : VALID_WEBHOOK, edits);
      const res = await hub.http.post(batch ? '/webhooks/A/batch' : '/webhooks/A').set(librarySigned(SECRETS.A, body)).send(body);
      if (res.status >= 500) fives.push(`${res.status} ${body.slice(0, 200)}`);
      return res.status < 500;
    }), { numRuns: Math.ceil(RUNS / 2) });
  }, 1_800_000);

  it('never answers 5xx or INTERNAL_ERROR to a mutated GraphQL query', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...VALID_QUERIES), fc.array(edit, { minLength: 1, maxLength: 4 }), async (query, edits) => {
      const mutated = mutate(query, edits);
      const res = await hub.http.post('/graphql').set(hub.auth).send({ query: mutated, variables: { id: '00000000-0000-4000-8000-000000000000' } });
      const internal = (res.body?.errors ?? []).some((e: { extensions?: { code?: string } }) => e.extensions?.code === 'INTERNAL_ERROR');
      if (res.status >= 500 || internal) fives.push(`${res.status} ${mutated.slice(0, 200)} ${JSON.stringify(res.body).slice(0, 200)}`);
      return res.status < 500 && !internal;
    }), { numRuns: Math.ceil(RUNS / 2) });
  }, 1_800_000);

  it('leaves the hub healthy', async () => {
    expect(fives).toEqual([]);
    const ready = await hub.http.get('/health/ready');
    expect(ready.status).toBe(200);
    const me = await hub.http.get('/api/me').set(hub.auth);
    expect(me.status).toBe(200);
  });
});
