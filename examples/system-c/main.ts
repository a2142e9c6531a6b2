import { SYSTEM_C_DEFAULT_DATABASE, setupSystemC } from './system-c';
import { seedDemoStock, Warehouse } from './warehouse';

/**
 * node dist/examples/system-c/main.js [--seed]
 * env: ADMIN_DATABASE_URL (or DATABASE_URL) — a server where System C's database may be created;
 *      SYSTEM_C_DATABASE — its name (system_c).
 * Creates the database and table if missing, optionally seeds demo stock, and prints the URL to give the
 * hub as SYSTEM_C_DATABASE_URL.
 */
async function main(): Promise<void> {
  const adminUrl = process.env.ADMIN_DATABASE_URL || process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('set ADMIN_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server URL');
  const { url, database } = await setupSystemC(adminUrl, { database: process.env.SYSTEM_C_DATABASE || SYSTEM_C_DEFAULT_DATABASE });
  if (process.argv.includes('--seed')) {
    const warehouse = new Warehouse(url);
    try {
      console.log(`seeded ${await seedDemoStock(warehouse)} stock items`);
    } finally {
      await warehouse.close();
    }
  }
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  console.log(`System C (warehouse database "${database}") ready`);
  console.log(`SYSTEM_C_DATABASE_URL=${shown.toString()}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
