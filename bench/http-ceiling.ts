import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Controller, HttpCode, Module, Param, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { fmt } from './bench-env';
import { cpuPerRequestInProcess, cpuSnapshot } from './cpu-meter';
import type { LoadResult } from './load-client';
import { runLoadInChild } from './load-runner';

/*
 * What bounds single-webhook ingest on this machine before the hub does any work of its own: the same signed
 * load (same child-process load generator, same bodies, same connection count) against
 *   1. a bare node:http server that reads the body and answers 202 with a small JSON body, and
 *   2. a minimal NestJS 12 + Fastify app (the hub's platform) with the hub's body-parser setup (JSON, raw body kept,
 *      the same body limit) and one @Post route answering 202: no signature check, no validation, no database;
 *   3. the same app on Express, the platform the hub ran on before (for the ceiling it raised).
 * The hub's own figure (ingest-webhooks) divided by (2) says how much of the gap is the hub.
 */

@Controller('webhooks')
class EchoController {
  @Post(':system')
  @HttpCode(202)
  receive(@Param('system') system: string, @Req() req: RawBodyRequest<{ rawBody?: Buffer }>) {
    return { system, bytes: req.rawBody?.length ?? 0, status: 'accepted' };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string };
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: body.type, status: 'accepted' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function nestFastifyServer(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new FastifyAdapter({ bodyLimit: 5 * 1024 * 1024, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(EchoModule, adapter, { rawBody: true, logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function nestExpressServer(): Promise<{ url: string; close(): Promise<void> }> {
  const app = await NestFactory.create<NestExpressApplication>(EchoModule, { rawBody: true, logger: false });
  app.useBodyParser('json', { limit: 5 * 1024 * 1024 });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A measured signed load against a server: 1,000 warm-up requests, then `requests`, with the CPU they took. */
export async function measureWebhookLoad(url: string, requests: number, connections: number): Promise<{ result: LoadResult; summary: string }> {
  await runLoadInChild({ baseUrl: url, kind: 'webhook', requests: 1_000, eventsPerRequest: 1, connections, runTag: `warm${randomBytes(3).toString('hex')}` });
  const cpu0 = cpuSnapshot([]);
  const r = await runLoadInChild({ baseUrl: url, kind: 'webhook', requests, eventsPerRequest: 1, connections, runTag: `run${randomBytes(3).toString('hex')}` });
  const cpu = cpuPerRequestInProcess(cpu0, cpuSnapshot([]), r.requests);
  return { result: r, summary: `${fmt(r.reqPerSec)} req/s (2xx), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, non-2xx ${r.non2xx}, errors ${r.errors}${cpu ? `; ${cpu}` : ''}` };
}

export async function benchHttpCeiling(): Promise<string[]> {
  const requests = Number(process.env.BENCH_WEBHOOKS ?? 30_000);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const lines: string[] = [];
  for (const [label, start] of [['node:http', bareServer], ['nest+fastify', nestFastifyServer], ['nest+express', nestExpressServer]] as const) {
    const server = await start();
    try {
      const { summary } = await measureWebhookLoad(server.url, requests, connections);
      lines.push(`http-ceiling [${label}, no hub work] ${fmt(requests)} signed webhook requests, ${connections} connections: ${summary}`);
    } finally {
      await server.close();
    }
  }
  return lines;
}

if (require.main === module) {
  benchHttpCeiling().then((lines) => lines.forEach((l) => console.log(l)), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
