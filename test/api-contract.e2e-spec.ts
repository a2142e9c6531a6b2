import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/test-hub';

// Where the served document is written for Redocly; .redocly.lint-ignore.yaml names this path. Not committed: it is
// generated from the code, like any build output.
const SERVED = path.resolve(__dirname, '../test-output/openapi.json');

type Responses = Record<string, { content?: { 'application/json'?: { schema?: { allOf?: { properties?: any }[] } } } }>;
interface Operation { operationId?: string; security?: unknown[]; parameters?: { name: string; in: string }[]; responses: Responses }

/** The codes an operation documents for one status, read from the generated enum. */
function documentedCodes(op: Operation, status: number): string[] {
  const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
  return schema?.allOf?.[1]?.properties?.error?.properties?.code?.enum ?? [];
}

describe('the OpenAPI contract', () => {
  let hub: TestHub;
  let doc: { paths: Record<string, Record<string, Operation>>; servers: unknown[]; info: { license?: unknown } };

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    doc = (await hub.http.get('/api/openapi.json').expect(200)).body;
  });
  afterAll(async () => {
    await hub?.close();
  });

  const operations = () => Object.entries(doc.paths).flatMap(([route, item]) => Object.entries(item).map(([method, op]) => ({ route, method, op })));

  it('passes Redocly\'s recommended rules with no error and no warning', async () => {
    mkdirSync(path.dirname(SERVED), { recursive: true });
    writeFileSync(SERVED, `${JSON.stringify(doc, null, 2)}\n`);
    const redocly = path.resolve(__dirname, '../node_modules/.bin/redocly');
    // lint exits 1 on an error; a warning only shows in its summary ("You have N warnings"), and fails this test too
    const { stdout, stderr } = await promisify(execFile)(redocly, ['lint', SERVED, '--format=summary'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' })
      .catch((err: { stdout: string; stderr: string }) => ({ stdout: err.stdout, stderr: `${err.stderr}\nFAILED` }));
    const out = `${stdout}\n${stderr}`;
    expect(out, out).not.toMatch(/FAILED|Validation failed|You have \d+ warnings?/);
    expect(out).toMatch(/Your API description is valid/);
  }, 60_000);

  it('names its server and licence; public routes say security: [], the others ask for a key and document 401 and 403', () => {
    expect(doc.servers).toEqual([{ url: '/', description: 'this hub' }]);
    expect(doc.info.license).toMatchObject({ name: 'Apache-2.0' });
    for (const { route, method, op } of operations()) {
      expect(op.security, `${method} ${route}`).toBeDefined();
      if (op.security!.length === 0) continue;
      expect(documentedCodes(op, 401), `${method} ${route}`).toEqual(['API_KEY_MISSING', 'API_KEY_INVALID']);
      expect(documentedCodes(op, 403), `${method} ${route}`).toContain('ROLE_FORBIDDEN');
    }
    expect(operations().filter(({ op }) => op.security!.length === 0).map(({ method, route }) => `${method} ${route}`)).toEqual(
      expect.arrayContaining(['get /health', 'get /metrics', 'post /webhooks/{system}', 'post /webhooks/{system}/batch']),
    );
  });

  it('documents the Standard Webhooks headers on the webhook routes', () => {
    for (const route of ['/webhooks/{system}', '/webhooks/{system}/batch']) {
      const headers = doc.paths[route].post.parameters!.filter((p) => p.in === 'header').map((p) => p.name);
      expect(headers).toEqual(expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']));
      expect(documentedCodes(doc.paths[route].post, 401)).toEqual(expect.arrayContaining(['SIGNATURE_INVALID', 'TIMESTAMP_OUT_OF_TOLERANCE']));
    }
  });

  it('lists the code a real refusal answers with, under its status', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [string, string, () => Promise<{ status: number; body: any }>][] = [
      ['/api/golden-records/{entityType}/{id}', 'get', () => hub.http.get(`/api/golden-records/contact/${unknown}`).set(hub.auth)],
      ['/api/conflicts/{id}/resolve', 'post', () => hub.http.post(`/api/conflicts/${unknown}/resolve`).set(hub.auth).send({ system: 'A' })],
      ['/api/golden-records/{entityType}', 'get', () => hub.http.get('/api/golden-records/contact?after=not-a-cursor').set(hub.auth)],
      ['/api/golden-records/{entityType}', 'get', () => hub.http.get('/api/golden-records/contact')],
    ];
    for (const [route, method, send] of cases) {
      const res = await send();
      const op = doc.paths[route]?.[method];
      expect(op, `${method} ${route}`).toBeDefined();
      expect(documentedCodes(op, res.status), `${method} ${route} answered ${res.status} ${res.body.error?.code}`).toContain(res.body.error.code);
    }
  });
});
