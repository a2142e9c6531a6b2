import 'reflect-metadata';
import { createHubApp } from './bootstrap';
import { InvalidSettingsError, loadAppSettings } from './config/app-settings';
import { startDatabase } from './database/database-runtime';
import { createHubLogger } from './observability/logging';

async function main(): Promise<void> {
  const settings = loadAppSettings();
  const log = createHubLogger(settings);
  const db = await startDatabase(settings, { info: (m) => log.info(m), warn: (m) => log.warn(m) });
  let app;
  try {
    app = await createHubApp(settings, db.url, log);
    await app.listen(settings.port, settings.host);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await db.stop();
    throw err;
  }
  log.info(`hub listening on http://localhost:${settings.port} (GraphQL /graphql, REST /api, docs /api/docs)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: draining and shutting down`);
    // enableShutdownHooks is not used for these signals: the embedded database must stop after Nest has closed.
    await app.close();
    await db.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  if (err instanceof InvalidSettingsError || code === 'HUB_CONFIG_INVALID' || code === 'HUB_CONFIG_CONFLICT') {
    console.error((err as Error).message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
