import js from '@eslint/js';
import graphql from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Code: JavaScript and TypeScript. Their rules stay off schema.graphql, which has its own parser and rules below. */
const CODE = ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'];

const schemaRules = graphql.configs['flat/schema-recommended'].rules;
const [namingSeverity, naming] = schemaRules['@graphql-eslint/naming-convention'];

/**
 * Output types that are values, not entities a client caches by id (strict-id-in-types asks every other type for
 * one `id: ID!`). A new type goes here only when it has no identity of its own.
 */
const VALUE_TYPES = [
  // the answer of an action, or who is calling
  'Caller', 'ConfigurationReplaced', 'CountResult', 'SetEntityTypeRulesResult', 'SuspectActionError',
  // parts of a record, identified through it (record and version, system and external id, …)
  'DeliveryLedgerEntry', 'EventTrail', 'EventTrailVersion', 'GoldenRecordSnapshot', 'GoldenVersion', 'LineageEntry',
  'SourceRef', 'SuspectFieldScore', 'SuspectRule',
  // the configuration, identified by version number, entity type name or system key
  'Configuration', 'ConfigurationVersion', 'EntityField', 'EntityType', 'EntityTypeRules', 'SystemView',
  // counts and states computed at each request
  'ConflictFacets', 'FacetCount', 'EntitySyncStatus', 'PollWatermark', 'SystemSyncStatus', 'PageInfo',
  'Health', 'HealthReport', 'HealthChecks', 'DatabaseCheck',
  // the status report mirrors GET /api/status field for field (observability/status.model.ts), so its job and
  // alert ids stay the REST body's strings rather than ID
  'StatusReport', 'StatusFeatures', 'StatusJob', 'StatusAlert', 'HubTotals', 'EntityTypeTotals', 'SystemStatus', 'SystemErrors24h',
  'SystemQueue', 'SystemRecordCounts', 'SystemExecutionTime', 'Percentiles', 'SystemLinks', 'LastSync', 'LastRun', 'ThroughputBucket',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test-output/', 'test/fixtures/typed-client/', 'console/src/gql/', '.dependency-cruiser.cjs'] },
  ...[js.configs.recommended, ...tseslint.configs.recommended].map((config) => ({ files: CODE, ...config })),
  {
    files: CODE,
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['scripts/*.mjs', '.ci/*.mjs', 'eslint.config.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  // The hub's own code is linted with type information: an `any` from a query or a parsed body cannot flow unchecked.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['src/**/*.ts'] })),
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // a file a reader can hold in mind; past this, split by responsibility (docs/architecture.md)
      'max-lines': ['error', { max: 300 }],
    },
  },
  // Test doubles implement async ports with synchronous bodies on purpose; vitest's asymmetric matchers
  // (expect.objectContaining…) are typed `any`, and config tests edit parsed YAML documents, which are untyped input.
  {
    files: ['src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // The GraphQL contract as served (`npm run schema` writes it from the resolvers): the GraphQL ESLint plugin's
  // schema-recommended rules, with descriptions required everywhere. docs/decision-graphql-schema-lint.md.
  {
    files: ['schema.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'schema.graphql' } } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...schemaRules,
      // Every type, field, argument, input field and enum value: client generators turn them into the docs
      // integrators read. (Operations are not in this file; the console's are checked by codegen against it.)
      '@graphql-eslint/require-description': ['error', {
        types: true, rootField: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true,
      }],
      '@graphql-eslint/naming-convention': [namingSeverity, {
        ...naming,
        // Enum values are the REST API's strings (auto_resolved, in_flight) so one client uses the same names on
        // both transports (common/graphql-enum.ts): lower snake_case, not UPPER_CASE.
        EnumValueDefinition: 'snake_case',
        // EntityType is the domain's name for a kind of record (contact, company), not a "Type" suffix; the ban
        // stays for every other object type.
        'ObjectTypeDefinition,ObjectTypeExtension': { ...naming['ObjectTypeDefinition,ObjectTypeExtension'], ignorePattern: '^EntityType$' },
      }],
      '@graphql-eslint/strict-id-in-types': ['error', { exceptions: { types: VALUE_TYPES, suffixes: ['Connection', 'Edge'] } }],
      // Off: it flags Event.eventId and Event.eventType, the sender's webhook-id and event type, named as in the
      // REST API (GET /api/events) and distinct from the inbox id; renaming them would break clients, and the rule
      // takes no exceptions.
      '@graphql-eslint/no-typename-prefix': 'off',
    },
  },
);
