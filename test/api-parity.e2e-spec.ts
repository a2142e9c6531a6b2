import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildParityReport, type OpenApiDocument, type ParityReport } from './support/api-parity';
import { startTestHub, type TestHub } from './support/test-hub';

const TABLE = path.resolve(__dirname, '../docs/api-parity.md');

describe('REST and GraphQL parity', () => {
  let hub: TestHub;
  let report: ParityReport;
  let openapi: OpenApiDocument;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off' });
    openapi = (await hub.http.get('/api/openapi.json').expect(200)).body;
    report = buildParityReport(openapi, hub.app.get(GraphQLSchemaHost).schema);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('has every read and write on both sides, with the same parameter names and enum values', () => {
    expect(report.problems).toEqual([]);
  });

  it('notices a read on one side only, a renamed parameter and an enum with other values', () => {
    const doc = structuredClone(openapi);
    delete doc.paths['/api/events'].get;
    const conflicts = doc.paths['/api/conflicts'].get;
    conflicts.parameters = conflicts.parameters!.map((p) =>
      p.name === 'entityType' ? { ...p, name: 'type' } : p.name === 'status' ? { ...p, schema: { enum: ['open', 'closed'] } } : p);
    const { problems } = buildParityReport(doc, hub.app.get(GraphQLSchemaHost).schema);
    expect(problems).toEqual(expect.arrayContaining([
      'Query.events: a GraphQL read with no REST operation naming it',
      'GET /api/conflicts: parameter type has no argument of that name on Query.conflicts',
      expect.stringMatching(/^GET \/api\/conflicts: enum status is \[open, closed\] in REST/),
    ]));
  });

  it('matches the committed table in docs/api-parity.md', () => {
    if (process.env.UPDATE_API_PARITY === '1') writeFileSync(TABLE, report.markdown);
    expect(readFileSync(TABLE, 'utf8'), 'docs/api-parity.md is stale: regenerate it (see its header)').toBe(report.markdown);
  });
});
