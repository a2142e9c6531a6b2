import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole e2e run: the one in DATABASE_URL when set (CI's PostgreSQL 15),
 * else an embedded one. Each test file then creates its own database on it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    project.provide('adminDatabaseUrl', fromEnv);
    return async () => undefined;
  }
  const quiet = { info: () => undefined, warn: () => undefined };
  // One data folder per run and project: parallel runs (several terminals, helpers) must not share a server, and
  // each vitest project (e2e, reliability) runs this setup itself within the same process.
  const dir = path.resolve(`.data/test-${process.pid}-${project.name}`);
  const db = await startEmbeddedPostgres(dir, quiet);
  project.provide('adminDatabaseUrl', db.url);
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
