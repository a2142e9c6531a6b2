/**
 * Module boundaries of src/ (docs/architecture.md has the map): `npm run lint:boundaries`, part of `npm run lint`.
 * Each rule names the modules it keeps apart; a violation fails the lint.
 */
const FEATURES = 'golden-records|conflicts|delivery|ingest|inbox|polling|observability|adapters|alerts';
/** Pure cores: plain TypeScript, unit-tested without Nest or a database. */
const PURE = '^src/[^/]+/domain/|^src/mapping/|^src/catalog/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules depend one way; a cycle means two of them own one concept.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'golden-records-is-independent',
      severity: 'error',
      comment:
        'golden-records decides; delivery, ingest, polling, observability and adapters react to it or feed it. '
        + 'It reaches them only through its own ports (pipeline-hooks.ts, delivery-ledger.port.ts).',
      from: { path: '^src/golden-records/' },
      to: { path: '^src/(delivery|adapters|ingest|polling|observability)/' },
    },
    {
      name: 'delivery-not-into-ingest-or-polling',
      severity: 'error',
      comment:
        'delivery writes the inbox through the inbox module and sync runs through polling\'s run log '
        + '(sync-run.repository.ts, sync-run.types.ts); nothing else of ingest or polling.',
      from: { path: '^src/delivery/' },
      to: { path: '^src/(ingest|polling)/', pathNot: '^src/polling/sync-run\\.(repository|types)\\.ts$' },
    },
    {
      name: 'alerts-read-only',
      severity: 'error',
      comment: 'Alerts read the hub\'s state in their own queries and the operator read models (observability/ops-queries.ts, ops-recent-queries.ts); they import no feature.',
      from: { path: '^src/alerts/' },
      to: { path: `^src/(${FEATURES})/`, pathNot: '^src/alerts/|^src/observability/ops-(recent-)?queries\\.ts$' },
    },
    {
      name: 'inbox-is-a-leaf',
      severity: 'error',
      comment: 'The inbox is written and read by the features; it knows none of them.',
      from: { path: '^src/inbox/' },
      to: { path: `^src/(${FEATURES})/`, pathNot: '^src/inbox/' },
    },
    {
      name: 'ingest-and-polling-apart',
      severity: 'error',
      comment: 'Webhooks and pulls both write the inbox; neither reaches into the other.',
      from: { path: '^src/(ingest|polling)/' },
      to: { path: '^src/(ingest|polling|delivery|observability)/', pathNot: '^src/$1/' },
    },
    {
      name: 'pure-cores-without-frameworks',
      severity: 'error',
      comment: 'Domain folders, mapping and catalog are plain TypeScript: no Nest, TypeORM or database driver.',
      from: { path: PURE },
      to: { path: 'node_modules/(@nestjs|typeorm|pg|@apollo|express|fastify|@fastify)/' },
    },
    {
      name: 'pure-cores-stay-pure',
      severity: 'error',
      comment: 'A pure core imports other pure cores, types, config shapes and common helpers, never a service or repository.',
      from: { path: PURE },
      to: { path: '\\.(service|repository|controller|resolver|module)\\.ts$', pathNot: PURE },
    },
    {
      name: 'config-imports-no-feature',
      severity: 'error',
      comment: 'Configuration is read by every feature; it may use the catalog, mapping checks, common and the audit log, no feature.',
      from: { path: '^src/config/' },
      to: { path: `^src/(${FEATURES})/` },
    },
    {
      name: 'common-imports-no-feature',
      severity: 'error',
      comment: 'common/ holds helpers every module may use, so it uses none of them.',
      from: { path: '^src/common/' },
      to: { path: `^src/(${FEATURES}|config|admin)/` },
    },
    {
      name: 'adapters-import-no-feature',
      severity: 'error',
      comment: 'Adapters talk to systems; the features call them, never the reverse.',
      from: { path: '^src/adapters/' },
      to: { path: `^src/(${FEATURES})/`, pathNot: '^src/adapters/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: { path: '^(src/|node_modules/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
