import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen` (run by `npm run schema`): typed documents for every graphql(`…`) in the console, from the
 * committed schema.graphql, so no running hub is needed. The output in src/gql/ is committed; a unit test fails when
 * it is stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['console/src/**/*.{ts,tsx}', '!console/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'console/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
