import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGoldenRead } from './golden-read.seed';
import { startTestHub, type TestHub } from './support/test-hub';

const FIXTURE = path.resolve(__dirname, 'fixtures/typed-client/client.ts');

/**
 * What an integrator does: generate types from the served OpenAPI document and from schema.graphql, compile a small
 * client against them with the strict compiler, and run it against a hub.
 */
describe('a client generated from the contracts', () => {
  let hub: TestHub;
  let url: string;
  let conflictId: string;
  // inside the project, so the generated code resolves the same node_modules an integrator's project would install
  mkdirSync(path.resolve('test-output'), { recursive: true });
  const dir = mkdtempSync(path.resolve('test-output', 'typed-client-'));

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    conflictId = (await seedGoldenRead(hub.sql)).adaConflicts.ssn;
    await hub.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('compiles with no error and no cast, then lists, resolves and handles a typed refusal', async () => {
    const doc = (await hub.http.get('/api/openapi.json').expect(200)).body as Record<string, unknown>;
    writeFileSync(path.join(dir, 'api.d.ts'), astToString(await openapiTS(doc as never)));
    copyFileSync(FIXTURE, path.join(dir, 'client.ts'));
    await generate({
      schema: path.resolve('schema.graphql'),
      documents: [path.join(dir, 'client.ts')],
      generates: {
        [`${path.join(dir, 'gql')}/`]: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
        },
      },
      silent: true,
    }, true);

    const files = ['client.ts', 'api.d.ts', 'gql/index.ts'].map((f) => path.join(dir, f));
    const options: ts.CompilerOptions = {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], typeRoots: [path.resolve('node_modules/@types')], skipLibCheck: true,
    };
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);

    // Run it: the same sources, types stripped, as CommonJS.
    for (const f of ['client.ts', 'gql/index.ts', 'gql/gql.ts', 'gql/graphql.ts']) {
      const source = ts.sys.readFile(path.join(dir, f));
      if (source === undefined) continue;
      const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(path.join(dir, f.replace(/\.ts$/, '.js')), js);
    }
    // asynchronously: the hub answers from this same process
    const { stdout: out } = await promisify(execFile)(process.execPath, [path.join(dir, 'client.js')], {
      env: { ...process.env, HUB_URL: url, HUB_KEY: hub.adminKey, CONFLICT_ID: conflictId }, encoding: 'utf8', timeout: 60_000,
    });
    const result = JSON.parse(out.trim()) as { rest: string[]; resolved: number; refusal: string; graphql: string[] };
    expect(result.resolved).toBe(200);
    expect(result.refusal).toBe('already resolved (CONFLICT_ALREADY_RESOLVED)');
    expect(result.rest).toHaveLength(10);
    expect(result.graphql).toEqual(result.rest);
  });
});
