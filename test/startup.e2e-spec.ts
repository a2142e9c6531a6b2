import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './fixtures/polling/polling-support';
import { spawnHub } from './support/hub-process';

/** `npm start` with no DATABASE_URL: the hub starts its own PostgreSQL, and survives being killed. */
describe('zero-setup start on embedded PostgreSQL', () => {
  // Under the project, not /tmp: the PostgreSQL user must be able to reach it (a fresh clone has no .data yet).
  mkdirSync(path.resolve('.data'), { recursive: true });
  const dataDir = mkdtempSync(path.resolve('.data/startup-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with the quick-start configuration, answers /health, and stops its database on SIGTERM', async () => {
    // what `npm start` runs, minus the build
    const hub = await spawnHub({ HUB_DATA_DIR: dataDir, HUB_CONFIG: 'examples/quickstart.config.yaml' }, await freePort());
    const health = (await (await fetch(`http://127.0.0.1:${hub.port}/health`)).json()) as { checks: { database: { status: string } } };
    expect(health.checks.database.status).toBe('up');
    // The generated key is on a plain line of its own, ready to paste, and never inside a (JSON) log line.
    const key = /^export KEY=(mdh_[A-Za-z0-9_-]+)$/m.exec(hub.output())?.[1];
    expect(key).toBeDefined();
    const logLines = hub.output().split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(3);
    expect(logLines.filter((l) => l.includes(key!))).toEqual([]);
    expect(logLines.some((l) => l.includes('created admin key mdh_'))).toBe(true);
    const systems = await fetch(`http://127.0.0.1:${hub.port}/api/systems`, { headers: { authorization: `Bearer ${key}` } });
    expect(systems.status).toBe(200);
    expect(JSON.stringify(await systems.json())).toContain('CRM');
    hub.child.kill('SIGTERM');
    expect(await hub.waitForExit()).toBe(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  // Ports from freePort: one picked at random in a fixed range could be a client's ephemeral port (EADDRINUSE in CI).
  it('recovers after a kill -9 left PostgreSQL running with its postmaster.pid', async () => {
    const first = await spawnHub({ HUB_DATA_DIR: dataDir }, await freePort());
    first.child.kill('SIGKILL');
    await first.waitForExit();
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    const orphan = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);

    const second = await spawnHub({ HUB_DATA_DIR: dataDir }, await freePort());
    expect(second.output()).toMatch(/left running by a previous hub/);
    const newPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(newPid).not.toBe(orphan);
    second.child.kill('SIGTERM');
    expect(await second.waitForExit()).toBe(0);
  });
});
