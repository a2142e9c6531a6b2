import type { RestSystem, RestSystemOptions } from './rest-system';

/**
 * Runs one demo system as its own process, configured from the environment:
 * PORT, HOST, HUB_URL, WEBHOOK_SECRET, WEBHOOKS (on|off), API_KEY.
 */
export async function runFromEnv(
  label: string,
  defaultPort: number,
  start: (opts: RestSystemOptions) => Promise<RestSystem>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RestSystem> {
  const port = env.PORT ? Number(env.PORT) : defaultPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  if (env.WEBHOOKS && env.WEBHOOKS !== 'on' && env.WEBHOOKS !== 'off') throw new Error('WEBHOOKS must be on or off');
  const system = await start({
    port,
    host: env.HOST || '127.0.0.1',
    hubUrl: env.HUB_URL || undefined,
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    webhooks: env.WEBHOOKS !== 'off',
    apiKey: env.API_KEY || undefined,
    log: (line) => console.log(line),
  });
  const hooks = system.webhooks.stats();
  console.log(`${label} listening on ${system.url}; webhooks ${hooks.enabled ? `to ${hooks.target}` : 'off'}`);
  const stop = (): void => {
    system.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return system;
}
