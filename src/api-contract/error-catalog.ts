import { AUTH_ERRORS } from '../admin/auth/auth.errors';
import { COMMON_ERRORS } from '../common/common.errors';
import { type ErrorCode, type ErrorCodeSpec, type ErrorRegistry, KIND_STATUS } from '../common/error-codes';
import { CONFIG_ERRORS } from '../config/config.errors';
import { CONFLICT_ERRORS } from '../conflicts/conflicts.errors';
import { CONSOLE_ERRORS } from '../console/console.errors';
import { DELIVERY_ERRORS } from '../delivery/delivery.errors';
import { GOLDEN_RECORD_ERRORS } from '../golden-records/golden-records.errors';
import { INBOX_ERRORS } from '../inbox/inbox.errors';
import { INGEST_ERRORS } from '../ingest/ingest.errors';
import { JOB_ERRORS } from '../jobs/jobs.errors';
import { MATCHING_ERRORS } from '../matching/matching.errors';
import { OBSERVABILITY_ERRORS } from '../observability/observability.errors';
import { POLLING_ERRORS } from '../polling/polling.errors';
import { SECURITY_ERRORS } from '../security/security.errors';

/** Each feature's registry under the name the reference uses; a code belongs to exactly one of them. */
export const ERROR_REGISTRIES: Readonly<Record<string, ErrorRegistry>> = {
  common: COMMON_ERRORS,
  auth: AUTH_ERRORS,
  config: CONFIG_ERRORS,
  'golden-records': GOLDEN_RECORD_ERRORS,
  conflicts: CONFLICT_ERRORS,
  matching: MATCHING_ERRORS,
  ingest: INGEST_ERRORS,
  inbox: INBOX_ERRORS,
  polling: POLLING_ERRORS,
  delivery: DELIVERY_ERRORS,
  jobs: JOB_ERRORS,
  observability: OBSERVABILITY_ERRORS,
  console: CONSOLE_ERRORS,
  security: SECURITY_ERRORS,
};

export interface CatalogEntry extends ErrorCodeSpec {
  code: ErrorCode;
  feature: string;
  status: number;
}

/** Every code, in registry order; INTERNAL_ERROR answers 500 (the one code that is not a refusal). */
export function errorCatalog(): CatalogEntry[] {
  return Object.entries(ERROR_REGISTRIES).flatMap(([feature, registry]) =>
    Object.entries(registry).map(([code, spec]) => ({
      code: code as ErrorCode, feature, ...spec, status: code === 'INTERNAL_ERROR' ? 500 : KIND_STATUS[spec.kind],
    })));
}

/** The reference page `docs/error-codes.md`, generated so it cannot drift from the registries. */
export function errorCodesMarkdown(): string {
  const lines = [
    '# Error codes',
    '',
    'Generated from the typed registries (`src/**/*.errors.ts`) by `src/api-contract/error-catalog.ts`; a test fails when',
    'this page is stale (`UPDATE_ERROR_CODES=1 npx vitest run --project unit src/api-contract` rewrites it).',
    'REST answers `{ "error": { "code", "message", "details" } }` with the status below; GraphQL answers the same `code`',
    'in `errors[].extensions.code`, with `kind` beside it.',
    '',
  ];
  for (const [feature, registry] of Object.entries(ERROR_REGISTRIES)) {
    lines.push(`## ${feature}`, '', '| Code | HTTP | Meaning |', '|---|---|---|');
    for (const [code, spec] of Object.entries(registry)) {
      const status = code === 'INTERNAL_ERROR' ? 500 : KIND_STATUS[spec.kind];
      lines.push(`| \`${code}\` | ${status} | ${spec.description.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
