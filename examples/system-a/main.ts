import { runFromEnv } from '../shared/run-from-env';
import { SYSTEM_A_DEFAULT_PORT, startSystemA } from './system-a';

// node dist/examples/system-a/main.js — env: PORT (4001), HUB_URL, WEBHOOK_SECRET, WEBHOOKS=on|off, API_KEY
runFromEnv('System A (CRM)', SYSTEM_A_DEFAULT_PORT, startSystemA).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
