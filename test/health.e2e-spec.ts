import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/test-hub';
import pg from 'pg';
import { inject } from 'vitest';

describe('operations basics', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers /health with the database up', async () => {
    const res = await hub.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' } } });
  });

  it('answers liveness without touching the database', async () => {
    const res = await hub.http.get('/health/live');
    expect(res.status).toBe(200);
  });

  it('serves GraphQL at /graphql', async () => {
    const res = await hub.http.post('/graphql').send({ query: '{ health { status database } }' });
    expect(res.body.data.health).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document and a local Swagger UI', async () => {
    const doc = await hub.http.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const ui = await hub.http.get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).not.toMatch(/cdn|unpkg|jsdelivr/i);
    // The page's scripts and styles come from this hub (the installed swagger-ui-dist), each one answering.
    const assets = [...ui.text.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['swagger-ui-bundle.js', 'swagger-ui.css']));
    for (const asset of assets) {
      const res = await hub.http.get(`/api/docs/${asset}`);
      expect(res.status, asset).toBe(200);
    }
    const yaml = await hub.http.get('/api/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toMatch(/^openapi: 3\./m);
  });

  it('answers malformed JSON with a 400 and a code, in each transport\'s error shape', async () => {
    const gql = await hub.http.post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(gql.status).toBe(400);
    expect(gql.body.errors[0].extensions.code).toBe('MALFORMED_JSON');
    const rest = await hub.http.post('/api/conflicts/resolve').set(hub.auth).set('content-type', 'application/json').send('{"items": ');
    expect(rest.status).toBe(400);
    expect(rest.body.error.code).toBe('MALFORMED_JSON');
  });
});

describe('readiness when the database goes away', () => {
  it('answers 503 with the database check down, and liveness stays 200', async () => {
    const hub = await startTestHub({ HUB_WORKERS: 'off' });
    try {
      expect((await hub.http.get('/health')).status).toBe(200);
      const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
      await admin.connect();
      await admin.query(`DROP DATABASE ${hub.db.name} WITH (FORCE)`);
      await admin.end();
      const res = await hub.http.get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'down', checks: { database: { status: 'down' } } });
      expect((await hub.http.get('/health/live')).status).toBe(200);
    } finally {
      await hub.close();
    }
  });
});
