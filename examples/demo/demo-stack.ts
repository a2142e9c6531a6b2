import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createHubApp } from '../../src/bootstrap';
import { type AppSettings, loadAppSettings } from '../../src/config/app-settings';
import { startDatabase } from '../../src/database/database-runtime';
import { startSystemA, SYSTEM_A_DEMO_SECRET } from '../system-a/system-a';
import { startSystemB, SYSTEM_B_DEMO_SECRET } from '../system-b/system-b';
import { setupSystemC } from '../system-c/system-c';
import { Warehouse } from '../system-c/warehouse';
import type { RestSystem } from '../shared/rest-system';

export interface DemoStackOptions {
  hubPort: number;
  systemAPort: number;
  systemBPort: number;
  /** a PostgreSQL server to use (CI, tests); without it the hub's embedded one under dataDir */
  databaseUrl?: string;
  dataDir: string;
  adminApiKey: string;
  /** System C's database name (tests run several stacks on one server) */
  systemCDatabase?: string;
  log: (line: string) => void;
  /** extra hub settings (tests shorten worker and poll intervals) */
  env?: Record<string, string>;
}

export interface DemoStack {
  hubUrl: string;
  hub: INestApplication;
  settings: AppSettings;
  a: RestSystem;
  b: RestSystem;
  c: Warehouse;
  /** System C's database, to open with psql */
  systemCUrl: string;
  stop(): Promise<void>;
}

/** npm scripts and the tests run from the project root; the compiled runner lives elsewhere (dist/). */
export const DEMO_CONFIG = path.resolve('examples/hub.config.yaml');

/**
 * The hub on its database, System A (CRM) and System B (ERP) as real HTTP servers sending signed webhooks,
 * and System C as a real table in its own database on the same PostgreSQL server — wired by
 * examples/hub.config.yaml. Used by `npm run demo` and by the sync e2e tests.
 */
export async function startDemoStack(opts: DemoStackOptions): Promise<DemoStack> {
  const hubUrl = `http://127.0.0.1:${opts.hubPort}`;
  const env: Record<string, string> = {
    HUB_CONFIG: DEMO_CONFIG,
    HUB_DATA_DIR: opts.dataDir,
    HUB_ADMIN_API_KEY: opts.adminApiKey,
    PORT: String(opts.hubPort),
    LOG_LEVEL: 'warn',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  };
  const settings = loadAppSettings({ ...process.env, ...env });
  const db = await startDatabase(settings, { info: opts.log, warn: opts.log });

  // System C lives in its own database on the same server.
  const admin = new URL(db.url);
  admin.pathname = '/postgres';
  const c = await setupSystemC(admin.toString(), { database: opts.systemCDatabase });
  const warehouse = new Warehouse(c.url);

  const a = await startSystemA({ port: opts.systemAPort, hubUrl, webhookSecret: SYSTEM_A_DEMO_SECRET, log: () => undefined });
  const b = await startSystemB({ port: opts.systemBPort, hubUrl, webhookSecret: SYSTEM_B_DEMO_SECRET, log: () => undefined });

  // The configuration reads these through ${…} references.
  process.env.SYSTEM_A_SECRET = SYSTEM_A_DEMO_SECRET;
  process.env.SYSTEM_B_SECRET = SYSTEM_B_DEMO_SECRET;
  process.env.SYSTEM_A_URL = a.url;
  process.env.SYSTEM_B_URL = b.url;
  process.env.SYSTEM_C_DATABASE_URL = c.url;

  const hub = await createHubApp(settings, db.url);
  await hub.listen(opts.hubPort, '127.0.0.1');
  return {
    hubUrl,
    hub,
    settings,
    a,
    b,
    c: warehouse,
    systemCUrl: c.url,
    stop: async () => {
      await hub.close();
      await Promise.all([a.close(), b.close(), warehouse.close()]);
      await db.stop();
    },
  };
}
