import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/test-hub';

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
  });

  it('answers malformed JSON with a 400 and a code', async () => {
    const res = await hub.http.post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });
});
