import type { AppSettings } from '../config/app-settings';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

export interface DatabaseRuntime {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when given, else the embedded PostgreSQL; the caller stops it after the app has closed. */
export async function startDatabase(
  settings: AppSettings,
  logger: { info(m: string): void; warn(m: string): void },
): Promise<DatabaseRuntime> {
  if (settings.databaseUrl) {
    return { url: settings.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  const db: EmbeddedDatabase = await startEmbeddedPostgres(settings.dataDir, logger, settings.embeddedPgPort);
  return { url: db.url, embedded: true, stop: () => db.stop() };
}
