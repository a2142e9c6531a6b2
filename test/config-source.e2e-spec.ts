import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './fixtures/polling/polling-support';
import { type HubProcess, spawnHub } from './support/hub-process';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const ADMIN_KEY = 'config-source-admin-key-0123456789';
const QUICKSTART = path.resolve(__dirname, '../examples/quickstart.config.yaml');

/**
 * The configuration source of truth at restart, on the built hub as `npm start` runs it (HUB_CONFIG always set):
 * a change made through the API survives a restart with the file unchanged; a changed file does not silently
 * overwrite it (the hub refuses to start, naming both versions) unless HUB_CONFIG_OVERWRITE=true.
 */
describe('HUB_CONFIG and changes made through the API, across restarts', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  let dir: string;
  let file: string;
  let hub: HubProcess | undefined;

  const start = async (env: Record<string, string> = {}) => {
    hub = await spawnHub({ DATABASE_URL: db.url, HUB_CONFIG: file, HUB_ADMIN_API_KEY: ADMIN_KEY, ...env }, await freePort());
    return hub;
  };
  const stop = async () => {
    hub!.child.kill('SIGTERM');
    expect(await hub!.waitForExit()).toBe(0);
    hub = undefined;
  };
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${hub!.port}${p}`, {
      method, headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  };
  const versions = async () => (await sql.query(`SELECT version, source FROM hub_config ORDER BY version`)).rows;

  beforeAll(async () => {
    db = await createTestDatabase('hub_cfgsrc');
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
    dir = mkdtempSync(path.join(tmpdir(), 'hub-config-source-'));
    file = path.join(dir, 'hub.config.yaml');
    writeFileSync(file, readFileSync(QUICKSTART, 'utf8'));
  });
  afterAll(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGKILL');
      await hub.waitForExit().catch(() => undefined);
    }
    await sql?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two starts with the same file store it once', async () => {
    await start();
    await stop();
    await start();
    expect(await versions()).toEqual([{ version: 1, source: `file:${file}` }]);
    expect(hub!.output()).toContain('configuration version 1 in force');
  });

  it('a rule changed through the API survives a restart with the file unchanged', async () => {
    const put = await api('PUT', '/api/entity-types/contact/rules', { fieldPrecedence: { phone: ['B', 'A'], firstName: ['B', 'A'] } });
    expect(put.status).toBe(200);
    expect(put.body.configVersion).toBe(2);
    await stop();

    await start();
    const rules = await api('GET', '/api/entity-types/contact/rules');
    expect(rules.body).toMatchObject({ configVersion: 2, fieldPrecedence: { firstName: ['B', 'A'] } });
    expect(await versions()).toEqual([{ version: 1, source: `file:${file}` }, { version: 2, source: 'api' }]);
    expect(hub!.output()).toMatch(new RegExp(`HUB_CONFIG ${file.replace(/[.]/g, '\\.')} is unchanged since it produced configuration version 1: version 2, stored by key:bootstrap-admin \\(through the API\\) at .*, stays in force`));
    await stop();
  });

  it('a changed file with a newer API version refuses to start, naming both versions and the ways on', async () => {
    writeFileSync(file, readFileSync(QUICKSTART, 'utf8').replace('precedence: [A, B]', 'precedence: [B, A]'));
    const error = await start().then(
      async (h) => {
        h.child.kill('SIGKILL');
        return new Error('the hub started');
      },
      (err: Error) => err,
    );
    expect(error.message).toMatch(/^hub exited with 1:/);
    expect(error.message).toContain(`Refusing to start: HUB_CONFIG ${file} changed since it produced configuration version 1, and version 2 was stored through the API after that`);
    expect(error.message).toContain('set HUB_CONFIG_OVERWRITE=true');
    expect(error.message).toContain('GET /api/config/versions/2?format=yaml');
    expect(error.message).not.toMatch(/at .*hub-config\.service/);
    expect(await versions()).toHaveLength(2);
  });

  it('HUB_CONFIG_OVERWRITE=true applies the changed file as a new version (the API one stays in the history)', async () => {
    await start({ HUB_CONFIG_OVERWRITE: 'true' });
    expect(await versions()).toEqual([{ version: 1, source: `file:${file}` }, { version: 2, source: 'api' }, { version: 3, source: `file:${file}` }]);
    const rules = await api('GET', '/api/entity-types/contact/rules');
    expect(rules.body).toMatchObject({ configVersion: 3, precedence: ['B', 'A'], fieldPrecedence: { phone: ['B', 'A'] } });
    expect(hub!.output()).toContain('HUB_CONFIG_OVERWRITE=true');
    const { rows } = await sql.query(`SELECT after FROM audit_log WHERE action = 'config.load' ORDER BY id DESC LIMIT 1`);
    expect(rows[0].after).toMatchObject({ version: 3, overwrote: 2 });
    await stop();
  });
});
