import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen';

/** The committed src/gql/ is what `npm run codegen` makes of schema.graphql and the documents in the console today. */
describe('generated GraphQL types', () => {
  it('are up to date with schema.graphql and the console documents', async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const o of outputs) {
      expect(readFileSync(path.resolve(o.filename), 'utf8'), `${o.filename} is stale: run \`npm run codegen\` and commit it`).toBe(o.content);
    }
  }, 60_000);
});
