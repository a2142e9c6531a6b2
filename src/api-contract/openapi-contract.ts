import type { OpenAPIObject, OperationObject, ParameterObject, PathItemObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import type { ErrorCode } from '../common/error-codes';
import { type CatalogEntry, ERROR_REGISTRIES, errorCatalog } from './error-catalog';

/**
 * Which registries an operation's answers come from, by its tag (the feature that serves it). Per feature and not
 * per route: a route's own refusals are its feature's, and a new route is covered without anyone writing a list.
 */
const FEATURES_BY_TAG: Readonly<Record<string, readonly string[]>> = {
  'golden-records': ['golden-records'],
  steward: ['golden-records'],
  conflicts: ['conflicts'],
  'match-suspects': ['matching'],
  events: [],
  deliveries: ['delivery'],
  jobs: ['jobs'],
  sync: ['polling'],
  configuration: ['config'],
  admin: ['auth'],
  operations: ['observability'],
  webhooks: ['ingest', 'inbox'],
};
/** Codes of other registries that a feature's routes give too (the entity type or system named in the path). */
const SHARED: Readonly<Record<string, readonly ErrorCode[]>> = {
  'golden-records': ['ENTITY_TYPE_UNKNOWN'],
  steward: ['ENTITY_TYPE_UNKNOWN', 'CONFLICT_NOT_FOUND', 'CONFLICT_ALREADY_RESOLVED'],
  conflicts: ['GOLDEN_RECORD_NOT_FOUND', 'GOLDEN_RECORD_DELETED', 'INVALID_VALUE', 'UNKNOWN_FIELD'],
  'match-suspects': ['GOLDEN_RECORD_NOT_FOUND', 'ENTITY_TYPE_UNKNOWN', 'MERGE_TYPE_MISMATCH', 'JOB_KIND_UNKNOWN'],
  events: ['EVENT_NOT_FOUND', 'EVENT_NOT_REPLAYABLE'],
  deliveries: ['SYSTEM_NOT_FOUND'],
  sync: ['SYSTEM_NOT_FOUND'],
  jobs: [],
};
const WEBHOOK_HEADERS: readonly ParameterObject[] = [
  ['webhook-id', 'Standard Webhooks: the event id; a replay with the same id is stored once'],
  ['webhook-timestamp', 'Standard Webhooks: seconds since the epoch; refused when more than five minutes from the hub\'s clock'],
  ['webhook-signature', 'Standard Webhooks: `v1,<base64 HMAC-SHA256 of id.timestamp.body>` under the system\'s secret; several may be sent, space-separated'],
].map(([name, description]) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } }));

/**
 * The served OpenAPI document as client generators need it: every operation lists the error answers it can give
 * (the shared error body, its codes as an enum), public routes say `security: []`, webhooks document their
 * signature headers, and the document names its server and licence.
 */
export function completeOpenApi(doc: OpenAPIObject, serverUrl: string): OpenAPIObject {
  const catalog = new Map(errorCatalog().map((e) => [e.code as string, e]));
  doc.servers = [{ url: serverUrl, description: 'this hub' }];
  doc.info.license = { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' };
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...ERROR_SCHEMAS } };
  for (const [route, item] of Object.entries<PathItemObject>(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const secured = (op.security ?? []).length > 0;
      if (!secured) op.security = [];
      if (route.startsWith('/webhooks/')) addWebhookHeaders(op);
      op.responses = { ...withoutErrors(op.responses), ...errorResponses(codesOf(op, method, secured, catalog)) };
    }
  }
  return doc;
}

function codesOf(op: OperationObject, method: string, secured: boolean, catalog: Map<string, CatalogEntry>): CatalogEntry[] {
  const tag = op.tags?.[0] ?? '';
  const params = (op.parameters ?? []) as ParameterObject[];
  const codes = new Set<string>(['INTERNAL_ERROR', 'DATABASE_UNAVAILABLE']);
  if (secured) ['API_KEY_MISSING', 'API_KEY_INVALID', 'ROLE_FORBIDDEN'].forEach((c) => codes.add(c));
  // budgets per API key, and per webhook system once its signature checks out
  if (secured || tag === 'webhooks') codes.add('RATE_LIMITED');
  if (params.length > 0 || op.requestBody) codes.add('INVALID_REQUEST');
  if (params.some((p) => p.in === 'path' && /id$/i.test(p.name))) codes.add('INVALID_ID');
  if (params.some((p) => p.name === 'after')) ['INVALID_CURSOR', 'INVALID_PAGE_SIZE'].forEach((c) => codes.add(c));
  if (op.requestBody) ['MALFORMED_JSON', 'JSON_TOO_DEEP', 'PAYLOAD_UNSTORABLE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].forEach((c) => codes.add(c));
  const hasPathParams = params.some((p) => p.in === 'path');
  const feature = [...(FEATURES_BY_TAG[tag] ?? []).flatMap((f) => Object.keys(ERROR_REGISTRIES[f] ?? {})), ...(SHARED[tag] ?? [])];
  for (const code of feature) {
    const kind = catalog.get(code)?.kind;
    // a read changes nothing, so it cannot meet a state conflict; a list names no record, so it finds no "not found"
    if (method === 'get' && (kind === 'conflict' || kind === 'precondition_failed')) continue;
    if (kind === 'not_found' && !hasPathParams) continue;
    // behind an API key, 401 and 403 are the key's answers (above); a feature's own come from signatures
    if (secured && (kind === 'unauthorized' || kind === 'forbidden')) continue;
    codes.add(code);
  }
  return [...codes].map((c) => catalog.get(c)).filter((e): e is CatalogEntry => e !== undefined);
}

function errorResponses(entries: CatalogEntry[]): Record<string, ResponseObject> {
  const byStatus = new Map<number, CatalogEntry[]>();
  for (const e of entries) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), e]);
  const out: Record<string, ResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: list.map((e) => `\`${e.code}\`: ${e.description}`).join('\n\n'),
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/ErrorResponse' },
              { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: list.map((e) => e.code) } } } } },
            ],
          },
        },
      },
    };
  }
  return out;
}

/** The hand-written error answers of the decorators give way to the generated ones; 2xx answers stay. */
function withoutErrors(responses: OperationObject['responses']): OperationObject['responses'] {
  return Object.fromEntries(Object.entries(responses ?? {}).filter(([status]) => !/^[45]/.test(status)));
}

function addWebhookHeaders(op: OperationObject): void {
  const have = new Set(((op.parameters ?? []) as ParameterObject[]).map((p) => p.name.toLowerCase()));
  op.parameters = [...(op.parameters ?? []), ...WEBHOOK_HEADERS.filter((h) => !have.has(h.name))];
}

const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  ErrorDetail: {
    type: 'object',
    description: 'One offending field or item.',
    properties: {
      path: { type: 'string', description: 'dot-separated path of the field', example: 'data.email' },
      message: { type: 'string', example: 'must be an e-mail address' },
      value: { description: 'the value that was refused, when it helps' },
    },
    required: ['message'],
  },
  ErrorResponse: {
    type: 'object',
    description: 'Every refusal: a stable code to branch on, a message for people, and the fields at fault.',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', description: 'a code of docs/error-codes.md', example: 'GOLDEN_RECORD_NOT_FOUND' },
          message: { type: 'string', example: 'no contact golden record 6f1c…' },
          details: { type: 'array', items: { $ref: '#/components/schemas/ErrorDetail' } },
        },
        required: ['code', 'message', 'details'],
      },
    },
    required: ['error'],
  },
};
