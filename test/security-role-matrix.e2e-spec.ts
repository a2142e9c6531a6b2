import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Auth, issueKey } from './support/api-keys';
import { CONTACT_SYSTEMS_CONFIG, writeConfigFile } from './support/contact-systems.config';
import { gqlAs } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';

/** `signature`: authenticated by a webhook signature, so no API key of any role opens it (401 for all). */
type Need = 'public' | 'signature' | 'viewer' | 'steward' | 'admin';
type Caller = 'none' | 'revoked' | 'viewer' | 'steward' | 'admin';
const RANK: Record<Need, number> = { public: 0, signature: 0, viewer: 1, steward: 2, admin: 3 };
const CALLERS: Caller[] = ['none', 'revoked', 'viewer', 'steward', 'admin'];

/**
 * The least role of every REST route in /api/openapi.json and every GraphQL mutation. A route or mutation missing
 * here fails the test: a new one must state who may call it.
 */
const REST: Record<string, Need> = {
  'GET /api/api-keys': 'admin', 'POST /api/api-keys': 'admin', 'DELETE /api/api-keys/{id}': 'admin', 'GET /api/audit-log': 'admin',
  'GET /api/config': 'admin', 'PUT /api/config': 'admin', 'GET /api/config/versions': 'admin', 'GET /api/config/versions/{version}': 'admin',
  'GET /api/entity-types/{entityType}/rules': 'viewer', 'PUT /api/entity-types/{entityType}/rules': 'admin',
  'GET /api/systems': 'viewer', 'GET /api/entity-types': 'viewer', 'GET /api/me': 'viewer', 'GET /api/status': 'viewer',
  'GET /api/jobs': 'viewer', 'GET /api/jobs/{id}': 'viewer', 'POST /api/jobs/{id}/cancel': 'admin', 'POST /api/jobs/{id}/retry': 'admin',
  'GET /api/golden-records/{entityType}': 'viewer', 'GET /api/golden-records/{entityType}/by-source/{system}/{externalId}': 'viewer',
  'GET /api/golden-records/{entityType}/{id}': 'viewer', 'GET /api/golden-records/{entityType}/{id}/versions': 'viewer',
  'GET /api/golden-records/{entityType}/{id}/versions/{version}': 'viewer', 'GET /api/golden-records/{entityType}/{id}/as-of': 'viewer',
  'GET /api/golden-records/{entityType}/{id}/diff': 'viewer',
  'POST /api/golden-records/{entityType}/{id}/override': 'steward', 'POST /api/golden-records/{entityType}/{id}/release': 'steward',
  'POST /api/golden-records/{entityType}/{id}/rollback': 'steward', 'POST /api/golden-records/{entityType}/{id}/restore': 'steward',
  'POST /api/golden-records/{entityType}/{id}/merge': 'steward', 'POST /api/golden-records/{entityType}/{id}/unmerge': 'steward',
  'GET /api/match-suspects': 'viewer', 'GET /api/match-suspects/{id}': 'viewer', 'POST /api/match-suspects/merge': 'steward',
  'POST /api/match-suspects/scan': 'admin', 'GET /api/alerts': 'viewer',
  'POST /api/match-suspects/dismiss': 'steward', 'POST /api/match-suspects/{id}/merge': 'steward', 'POST /api/match-suspects/{id}/dismiss': 'steward',
  'GET /api/deliveries': 'viewer', 'GET /api/deliveries/{id}': 'viewer', 'POST /api/deliveries/replay': 'steward',
  'POST /api/deliveries/flush': 'steward', 'POST /api/deliveries/{id}/retry': 'steward', 'GET /api/delivery-ledger': 'viewer',
  'POST /api/systems/{system}/refresh': 'steward', 'POST /api/systems/{system}/reconcile': 'steward', 'GET /api/systems/{system}/sync-status': 'viewer',
  'GET /api/sync-runs': 'viewer', 'GET /api/sync-runs/{id}': 'viewer',
  'GET /api/inferred-deletes': 'viewer', 'GET /api/inferred-deletes/{id}': 'viewer', 'POST /api/inferred-deletes/{id}/approve': 'steward',
  'POST /api/inferred-deletes/{id}/dismiss': 'steward',
  'GET /api/events': 'viewer', 'GET /api/events/{id}': 'viewer', 'POST /api/events/{id}/replay': 'steward',
  'GET /api/conflicts': 'viewer', 'GET /api/conflicts/facets': 'viewer', 'POST /api/conflicts/resolve': 'steward',
  'GET /api/conflicts/{id}': 'viewer', 'POST /api/conflicts/{id}/resolve': 'steward',
  'POST /webhooks/{system}': 'signature', 'POST /webhooks/{system}/batch': 'signature',
  'GET /health': 'public', 'GET /health/ready': 'public', 'GET /health/live': 'public', 'GET /metrics': 'public',
};

const MUTATIONS: Record<string, Need> = {
  approveInferredDelete: 'steward', dismissInferredDelete: 'steward', cancelJob: 'admin', retryJob: 'admin',
  dismissSuspect: 'steward', dismissSuspects: 'steward', mergeSuspect: 'steward', mergeSuspects: 'steward', scanMatchSuspects: 'admin',
  flushDeliveries: 'steward', replayDeadLetters: 'steward', retryDelivery: 'steward', issueApiKey: 'admin', revokeApiKey: 'admin',
  mergeGoldenRecords: 'steward', unmergeGoldenRecord: 'steward', overrideField: 'steward', releaseOverride: 'steward',
  restoreGoldenRecord: 'steward', rollbackGoldenRecord: 'steward', reconcileSystem: 'steward', refreshSystem: 'steward',
  replaceConfiguration: 'admin', setEntityTypeRules: 'admin', replayEvent: 'steward', resolveConflict: 'steward', resolveConflicts: 'steward',
};

const UUID = '00000000-0000-4000-8000-000000000000';
const PARAMS: Record<string, string> = { entityType: 'contact', system: 'A', externalId: 'nobody', version: '1', id: UUID };

/** What a caller must get: 401 without a valid key, 403 below the role, anything else (the route ran) otherwise. */
function expectedAuth(need: Need, caller: Caller): 401 | 403 | 'allowed' {
  if (need === 'public') return 'allowed';
  if (need === 'signature') return 401;
  if (caller === 'none' || caller === 'revoked') return 401;
  return RANK[caller] >= RANK[need] ? 'allowed' : 403;
}
const outcome = (status: number): 401 | 403 | 'allowed' => (status === 401 || status === 403 ? status : 'allowed');

interface IntrospectedType { kind: string; name: string | null; ofType: IntrospectedType | null }
interface InputType { name: string; kind: string; enumValues: { name: string }[] | null; inputFields: { name: string; type: IntrospectedType }[] | null }

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';

function typeText(t: IntrospectedType): string {
  if (t.kind === 'NON_NULL') return `${typeText(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${typeText(t.ofType!)}]`;
  return t.name!;
}

/** A value of the right GraphQL type, so the document validates and the resolver's guard decides. */
function sample(t: IntrospectedType, types: Map<string, InputType>): unknown {
  if (t.kind === 'NON_NULL') return sample(t.ofType!, types);
  if (t.kind === 'LIST') return [sample(t.ofType!, types)];
  const named = types.get(t.name!);
  if (named?.kind === 'ENUM') return named.enumValues![0].name;
  if (named?.kind === 'INPUT_OBJECT') {
    return Object.fromEntries(named.inputFields!.filter((f) => f.type.kind === 'NON_NULL').map((f) => [f.name, sample(f.type, types)]));
  }
  switch (t.name) {
    case 'Int': return 1;
    case 'Float': return 1;
    case 'Boolean': return false;
    case 'DateTime': return new Date().toISOString();
    case 'JSON': return {};
    case 'ID': return UUID;
    default: return 'x';
  }
}

describe('role matrix: every REST route and GraphQL mutation with no key, a revoked key, viewer, steward and admin', () => {
  let hub: TestHub;
  let config: { file: string; remove(): void };
  const auth: Partial<Record<Caller, Auth | Record<string, never>>> = { none: {} };

  beforeAll(async () => {
    config = writeConfigFile(CONTACT_SYSTEMS_CONFIG);
    hub = await startTestHub({ HUB_CONFIG: config.file, HUB_WORKERS: 'off' });
    auth.admin = hub.auth;
    auth.viewer = await issueKey(hub, 'viewer', 'matrix-viewer');
    auth.steward = await issueKey(hub, 'steward', 'matrix-steward');
    auth.revoked = await issueKey(hub, 'admin', 'matrix-revoked');
    const keys = (await hub.http.get('/api/api-keys?first=500').set(hub.auth)).body.items as { id: string; name: string }[];
    const revoked = keys.find((k) => k.name === 'matrix-revoked')!;
    expect((await hub.http.delete(`/api/api-keys/${revoked.id}`).set(hub.auth)).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await hub?.close();
    config?.remove();
  });

  it('has an entry for every route of the OpenAPI document and every mutation of the schema, and none stale', async () => {
    const openapi = (await hub.http.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(routes.filter((r) => !(r in REST)), 'routes without an entry in REST').toEqual([]);
    expect(Object.keys(REST).filter((r) => !routes.includes(r)), 'entries for routes that are gone').toEqual([]);

    const schema = await gqlAs(hub, hub.auth, '{ __schema { mutationType { fields { name } } } }');
    const mutations = (schema.data.__schema.mutationType.fields as { name: string }[]).map((f) => f.name).sort();
    expect(mutations.filter((m) => !(m in MUTATIONS)), 'mutations without an entry').toEqual([]);
    expect(Object.keys(MUTATIONS).filter((m) => !mutations.includes(m)), 'entries for mutations that are gone').toEqual([]);
  });

  it('answers every REST route with the status its role table expects', async () => {
    const wrong: string[] = [];
    for (const [route, need] of Object.entries(REST)) {
      const [method, template] = route.split(' ');
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x');
      for (const caller of CALLERS) {
        // A body no route accepts: an allowed caller is refused by validation after the guard, so nothing changes.
        let req = hub.http[method.toLowerCase() as 'get'](path).set(auth[caller]!);
        if (method !== 'GET' && method !== 'DELETE') req = req.send({ roleMatrixProbe: true });
        const res = await req;
        if (res.status >= 500) wrong.push(`${route} as ${caller}: ${res.status}`);
        const got = outcome(res.status);
        if (got !== expectedAuth(need, caller)) wrong.push(`${route} as ${caller}: expected ${expectedAuth(need, caller)}, got ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers every GraphQL mutation with the code its role table expects', async () => {
    const schema = await gqlAs(hub, hub.auth, `{ __schema {
      mutationType { fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
      types { name kind enumValues { name } inputFields { name type { ${TYPE_REF} } } }
    } }`);
    const types = new Map<string, InputType>((schema.data.__schema.types as InputType[]).map((t) => [t.name, t]));
    const wrong: string[] = [];
    for (const field of schema.data.__schema.mutationType.fields as { name: string; args: { name: string; type: IntrospectedType }[]; type: IntrospectedType }[]) {
      const args = field.args.filter((a) => a.type.kind === 'NON_NULL');
      const decl = args.length ? `(${args.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ')})` : '';
      const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
      let leaf = field.type;
      while (leaf.ofType) leaf = leaf.ofType;
      const selection = types.get(leaf.name!)?.kind === 'OBJECT' ? ' { __typename }' : '';
      const query = `mutation Probe${decl} { ${field.name}${call}${selection} }`;
      const variables = Object.fromEntries(args.map((a) => [a.name, sample(a.type, types)]));
      for (const caller of CALLERS) {
        const res = await hub.http.post('/graphql').set(auth[caller]!).send({ query, variables });
        const code = res.body.errors?.[0]?.extensions?.code as string | undefined;
        if (res.status >= 500 || code === 'INTERNAL_ERROR' || code === 'GRAPHQL_VALIDATION_FAILED') wrong.push(`${field.name} as ${caller}: ${res.status} ${code}`);
        const got = code === 'API_KEY_MISSING' || code === 'API_KEY_INVALID' ? 401 : code === 'ROLE_FORBIDDEN' ? 403 : 'allowed';
        const expected = expectedAuth(MUTATIONS[field.name] ?? 'admin', caller);
        if (got !== expected) wrong.push(`${field.name} as ${caller}: expected ${expected}, got ${code ?? 'data'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
