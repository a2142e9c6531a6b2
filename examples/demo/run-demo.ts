import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { seedDemoStock } from '../system-c/warehouse';
import { psqlCommand } from './psql-command';
import { type DemoStack, startDemoStack } from './demo-stack';

/**
 * `npm run demo`: the hub with Systems A, B and C, a little data in each, and a report of what synced.
 * Everything keeps running afterwards so you can explore; Ctrl-C stops it all.
 */
async function main(): Promise<void> {
  const adminApiKey = process.env.HUB_ADMIN_API_KEY ?? `demo-${randomBytes(12).toString('hex')}`;
  const say = (line = '') => process.stdout.write(`${line}\n`);
  say('Starting the master data hub demo…');
  const stack = await startDemoStack({
    hubPort: Number(process.env.PORT ?? 3000),
    systemAPort: 4001,
    systemBPort: 4002,
    databaseUrl: process.env.DATABASE_URL,
    dataDir: path.resolve(process.env.HUB_DATA_DIR ?? '.data/demo'),
    adminApiKey,
    log: () => undefined,
    env: await stableDatabasePort(),
  });
  say(`  hub       ${stack.hubUrl}   (GraphQL /graphql, Swagger /api/docs, status /status)`);
  say(`  System A  ${stack.a.url}  CRM, camelCase, ISO dates`);
  say(`  System B  ${stack.b.url}  ERP, snake_case, dd/MM/yyyy, cents`);
  say('  System C  table stock_items in database system_c (polled every 30 s); open it with:');
  say(`              ${psqlCommand(stack.systemCUrl, !process.env.DATABASE_URL)}`);
  say(`  admin API key: ${adminApiKey}   (set HUB_ADMIN_API_KEY to choose it)`);
  say(`  in another terminal: export KEY=${adminApiKey}`);
  say();

  say('1. A user creates Ada Lovelace in the CRM (System A)…');
  stack.a.edit({ entity: 'contacts', action: 'create', data: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', dob: '1815-12-10', phone: '+44 20 7946 0000' } });
  say('2. The ERP (System B) already knows her under another first name, with her invoice phone…');
  stack.b.edit({ entity: 'customers', action: 'create', data: { first_name: 'Augusta Ada', last_name: 'Lovelace', email_address: 'ADA@example.com', birth_date: '10/12/1815', phone_number: '020 7946 0999', state: 'A' } });
  say('3. The warehouse (System C) receives stock…');
  await seedDemoStock(stack.c);
  say('4. …and instead of waiting for the 30 s poll, an operator asks the hub to pull from C now.');
  await fetch(`${stack.hubUrl}/api/systems/C/refresh`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminApiKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  await new Promise((r) => setTimeout(r, 3000));
  await report(stack, adminApiKey, say);

  say();
  say('Try:');
  say(`  curl -s -H 'Authorization: Bearer ${adminApiKey}' ${stack.hubUrl}/api/golden-records/contact | jq`);
  say(`  curl -s -H 'Authorization: Bearer ${adminApiKey}' -H 'content-type: application/json' ${stack.hubUrl}/graphql \\`);
  say(`    -d '{"query":"{ goldenRecords(entityType: \\"contact\\") { nodes { id version data sources { system externalId } conflicts { field winner values } } } }"}' | jq`);
  say(`  curl -s ${stack.b.url}/customers | jq          # what the ERP holds now`);
  say(`  curl -s -XPOST ${stack.a.url}/_admin/edit -H 'content-type: application/json' \\`);
  say(`    -d '{"entity":"contacts","action":"update","id":"A-000001","data":{"lastName":"King"}}'   # edit in the CRM`);
  say('  rows you change in the system_c database (table stock_items) are polled every 30 s');
  say();
  say('Running. Press Ctrl-C to stop everything.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\nStopping the demo…');
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/**
 * The embedded PostgreSQL on the same port every run (61432 when free), so the psql line printed last time still
 * works; HUB_EMBEDDED_PG_PORT chooses another, and a busy port falls back to a free one.
 */
async function stableDatabasePort(): Promise<Record<string, string>> {
  if (process.env.DATABASE_URL || process.env.HUB_EMBEDDED_PG_PORT) return {};
  const free = await new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(DEMO_PG_PORT, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
  return free ? { HUB_EMBEDDED_PG_PORT: String(DEMO_PG_PORT) } : {};
}

const DEMO_PG_PORT = 61432;

async function report(stack: DemoStack, key: string, say: (l?: string) => void): Promise<void> {
  const api = async (p: string) => (await (await fetch(`${stack.hubUrl}${p}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { items?: any[] };
  const contacts = await api('/api/golden-records/contact');
  say();
  say('What the hub made of it:');
  for (const g of contacts.items ?? []) {
    say(`  golden contact ${g.id} v${g.version}: ${JSON.stringify(g.data)}`);
  }
  const conflicts = await api('/api/conflicts');
  for (const c of conflicts.items ?? []) say(`  conflict on ${c.field}: ${JSON.stringify(c.values)} → ${c.winner} wins (${c.rule})`);
  const list = async (url: string) => ((await (await fetch(url)).json()) as { data: Record<string, unknown>[] }).data;
  say();
  say('What each system holds now:');
  for (const c of await list(`${stack.a.url}/contacts`)) say(`  A contact  ${c.id}: ${c.firstName} ${c.lastName}, phone ${c.phone}, dob ${c.dob}`);
  for (const c of await list(`${stack.b.url}/customers`)) {
    say(`  B customer ${c.customer_id}: ${c.first_name} ${c.last_name}, phone ${c.phone_number}, birth_date ${c.birth_date}, state ${c.state}`);
  }
  const products = await list(`${stack.b.url}/products`);
  say(`  B products: ${products.map((p) => `${p.sku} (${p.on_hand_qty} on hand, ${p.list_price_cents} cents)`).join(', ') || 'none yet'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
