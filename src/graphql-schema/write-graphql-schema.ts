import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraphqlSdl } from './graphql-sdl';

/**
 * `npm run schema`: writes schema.graphql at the repository root from the resolvers in the code. The console's
 * generated types are built from that file, and a test fails when it differs from what the server serves.
 */
async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'schema.graphql');
  writeFileSync(out, await buildGraphqlSdl());
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
