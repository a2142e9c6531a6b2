import 'reflect-metadata';
import { Controller, Headers, HttpCode, HttpException, Module, Param, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { GroupCommit } from '../src/common/group-commit';
import { signatureHeaders, verifyWebhookSignature } from '../src/ingest/webhook-signature';
import { type BenchServer, createDatabase, fmt, runAsScript } from './bench-env';
import { SECRETS, type SystemKey } from './contacts';
import { measureWebhookLoad, nestFastifyServer } from './http-ceiling';
import { measureIngestWebhooks } from './ingest-webhooks';

/*
 * The least a durable signed webhook costs on the hub's stack, measured beside the empty route and the hub in one
 * sitting. The "floor" app is the empty NestJS 12 + Fastify app of http-ceiling plus only what no implementation
 * that stores an event before acknowledging it can skip: the Standard Webhooks signature check (the hub's own
 * node:crypto function), the JSON body, and an idempotent insert of the event, grouped across concurrent requests
 * (the hub's GroupCommit, one statement and one WAL flush per group, four groups in flight) into a table with the
 * inbox's unique key. No envelope checks, rate limits, logging, metrics or guards.
 *
 * floor ÷ empty route bounds what any such ingest can reach against the empty route on this machine; the hub ÷
 * floor is what the hub's own work per webhook costs beyond it.
 */

interface FloorEvent { system: string; eventId: string; payload: string }

class FloorStore {
  private readonly pool: pg.Pool;
  private readonly group: GroupCommit<FloorEvent, void>;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    this.group = new GroupCommit<FloorEvent, void>((events) => this.insert(events), () => 1, { maxWeight: 500, maxInFlight: 4 });
  }

  async init(): Promise<void> {
    await this.pool.query(`CREATE TABLE floor_event (id bigserial PRIMARY KEY, system text NOT NULL, event_id text NOT NULL, payload jsonb NOT NULL,
                                                     received_at timestamptz NOT NULL DEFAULT now(), UNIQUE (system, event_id))`);
  }

  store(event: FloorEvent): Promise<void> {
    return this.group.submit(event);
  }

  private async insert(events: FloorEvent[]): Promise<void[]> {
    await this.pool.query(
      `INSERT INTO floor_event (system, event_id, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) ON CONFLICT DO NOTHING`,
      [events.map((e) => e.system), events.map((e) => e.eventId), events.map((e) => e.payload)],
    );
    return events.map(() => undefined);
  }

  async count(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM floor_event')).rows[0].n;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

@Controller('webhooks')
class FloorController {
  constructor(private readonly store: FloorStore) {}

  @Post(':system')
  @HttpCode(202)
  async receive(@Param('system') system: string, @Headers() headers: Record<string, string>, @Req() req: RawBodyRequest<{ rawBody?: Buffer; body?: { data?: unknown } }>) {
    const secret = SECRETS[system as SystemKey];
    if (!secret || !req.rawBody) throw new HttpException({ code: 'UNKNOWN_SYSTEM' }, 404);
    const signed = signatureHeaders(headers);
    verifyWebhookSignature({ systemKey: system, secrets: [secret], headers: signed, rawBody: req.rawBody, toleranceSeconds: 300 });
    await this.store.store({ system, eventId: signed.id, payload: JSON.stringify(req.body?.data ?? null) });
    return { status: 'accepted', eventId: signed.id };
  }
}

async function floorServer(store: FloorStore): Promise<{ url: string; close(): Promise<void> }> {
  @Module({ controllers: [FloorController], providers: [{ provide: FloorStore, useValue: store }] })
  class FloorModule {}
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, new FastifyAdapter({ bodyLimit: 5 * 1024 * 1024, logger: false }), { rawBody: true, logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function benchWebhookFloor(server: BenchServer): Promise<string[]> {
  const requests = Number(process.env.BENCH_WEBHOOKS ?? 30_000);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

  const empty = await nestFastifyServer();
  const emptyRun = await measureWebhookLoad(empty.url, requests, connections).finally(() => empty.close());

  const db = await createDatabase(server.adminUrl);
  const store = new FloorStore(db.url);
  let floorRun: Awaited<ReturnType<typeof measureWebhookLoad>>;
  let stored: number;
  try {
    await store.init();
    const floor = await floorServer(store);
    floorRun = await measureWebhookLoad(floor.url, requests, connections).finally(() => floor.close());
    stored = (await store.count()) - 1_000;
  } finally {
    await store.close();
    await db.drop();
  }

  const hub = await measureIngestWebhooks(server);
  const [emptyRate, floorRate] = [emptyRun.result.reqPerSec, floorRun.result.reqPerSec];
  return [
    `webhook-floor [${server.label} ${server.version}] ${fmt(requests)} signed webhooks, ${connections} connections, one sitting: `
      + `floor ÷ empty route ${(floorRate / emptyRate).toFixed(2)}, hub ÷ empty route ${(hub.reqPerSec / emptyRate).toFixed(2)}, hub ÷ floor ${(hub.reqPerSec / floorRate).toFixed(2)}`,
    `  empty route (nest+fastify): ${emptyRun.summary}`,
    `  floor (signature + JSON + grouped idempotent insert): ${floorRun.summary}; `
      + `rows ${fmt(stored)} ${stored === floorRun.result.ok2xx ? '= 2xx count (OK)' : `≠ 2xx count ${floorRun.result.ok2xx} (MISMATCH)`}`,
    `  hub: ${hub.lines[0].replace(/^.*?connections: /, '')}`,
  ];
}

if (require.main === module) runAsScript(benchWebhookFloor);
