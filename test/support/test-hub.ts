import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { createHubApp, initHubApp } from '../../src/bootstrap';
import { type AppSettings, loadAppSettings } from '../../src/config/app-settings';
import type { HubLogger } from '../../src/observability/logging';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestHub {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** a direct connection for assertions (row counts) — never for driving the hub */
  sql: pg.Pool;
  db: TestDatabase;
  settings: AppSettings;
  /** the admin API key the hub was started with */
  adminKey: string;
  /** `Authorization` header value for the admin key */
  auth: { Authorization: string };
  close(): Promise<void>;
}

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/** Boots the real hub (same bootstrap as production) on a fresh database; `logger` receives its log (default: stdout). */
export async function startTestHub(env: Record<string, string> = {}, logger?: HubLogger): Promise<TestHub> {
  const db = await createTestDatabase();
  const adminKey = env.HUB_ADMIN_API_KEY ?? TEST_ADMIN_KEY;
  const settings = loadAppSettings({ LOG_LEVEL: 'warn', HUB_WORKER_IDLE_MS: '20', HUB_ADMIN_API_KEY: adminKey, ...env, DATABASE_URL: db.url });
  const app = await initHubApp(await createHubApp(settings, db.url, logger));
  const sql = new pg.Pool({ connectionString: db.url, max: 4 });
  return {
    app,
    http: request(app.getHttpServer()),
    sql,
    db,
    settings,
    adminKey,
    auth: { Authorization: `Bearer ${adminKey}` },
    close: async () => {
      await app.close();
      await sql.end();
      await db.drop();
    },
  };
}

export async function count(sql: pg.Pool, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0].n as number;
}
