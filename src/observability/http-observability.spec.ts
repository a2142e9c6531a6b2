import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerHttpObservability, routeLabel, UNMATCHED_ROUTE } from './http-observability';
import { createHubLogger } from './logging';

async function harness(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const registry = new Registry();
  const httpDuration = new Histogram({ name: 'd', help: 'd', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const app = Fastify();
  registerHttpObservability(app, createHubLogger({ logLevel: level as 'info', logFormat: 'json' }, stream), { httpDuration });
  app.get('/api/conflicts/:id', async () => ({ ok: true }));
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/boom', async (_req, reply) => reply.status(500).send({ error: 'x' }));
  await app.ready();
  const series = async () => (await registry.getSingleMetric('d')!.get()).values
    .filter((v) => (v as { metricName?: string }).metricName === 'd_count')
    .map((v) => ({ ...v.labels, n: v.value }));
  return { app, lines, series };
}

describe('routeLabel', () => {
  it('uses the route pattern, never the URL, and one label for requests no route took', () => {
    expect(routeLabel('/api/conflicts/:id')).toBe('/api/conflicts/:id');
    expect(routeLabel('/console/')).toBe('/console');
    expect(routeLabel('/')).toBe('/');
    expect(routeLabel(undefined)).toBe(UNMATCHED_ROUTE);
  });
});

describe('registerHttpObservability', () => {
  it('times every request by route pattern and status, 404s under one label', async () => {
    const { app, series } = await harness();
    await app.inject({ url: '/api/conflicts/7' });
    await app.inject({ url: '/api/conflicts/8' });
    await app.inject({ url: '/no/such/path/1' });
    await app.inject({ url: '/no/such/path/2' });
    expect(await series()).toEqual(expect.arrayContaining([
      { method: 'GET', route: '/api/conflicts/:id', status: '200', n: 2 },
      { method: 'GET', route: UNMATCHED_ROUTE, status: '404', n: 2 },
    ]));
  });

  it('writes one access line per request with method, URL, status and time; probes are left out; 5xx at error', async () => {
    const { app, lines } = await harness();
    await app.inject({ url: '/api/conflicts/7', headers: { authorization: 'Bearer mdh_secret' } });
    await app.inject({ url: '/health' });
    await app.inject({ url: '/boom' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, req: { method: 'GET', url: '/api/conflicts/7' }, res: { statusCode: 200 } });
    expect(lines[0].msg).toMatch(/^GET \/api\/conflicts\/7 200 \d+ ms$/);
    expect(lines[1]).toMatchObject({ level: 50, res: { statusCode: 500 } });
    expect(JSON.stringify(lines)).not.toContain('mdh_secret');
  });

  it('writes nothing at warn, and still times', async () => {
    const { app, lines, series } = await harness('warn');
    await app.inject({ url: '/api/conflicts/7' });
    expect(lines).toHaveLength(0);
    expect(await series()).toHaveLength(1);
  });
});
