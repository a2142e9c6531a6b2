import { runFromEnv } from '../shared/run-from-env';
import { SYSTEM_B_DEFAULT_PORT, startSystemB } from './system-b';

// node dist/examples/system-b/main.js — env: PORT (4002), HUB_URL, WEBHOOK_SECRET, WEBHOOKS=on|off, API_KEY
runFromEnv('System B (ERP)', SYSTEM_B_DEFAULT_PORT, startSystemB).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
