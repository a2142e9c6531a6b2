import type { GraphQLArgument, GraphQLEnumType, GraphQLField, GraphQLObjectType, GraphQLSchema, GraphQLType } from 'graphql';

/**
 * Builds docs/api-parity.md from the two schemas the hub serves: the OpenAPI document (/api/openapi.json) and the
 * GraphQL schema. Each REST operation names its GraphQL counterpart in its operationId (`events`, `Mutation` fields
 * by name, or `GoldenRecord.versions` for a field of a type), so the pairing is read from the schemas, not kept by hand.
 * Problems (a read or write on one side only, a parameter named differently, an enum with other values) are returned
 * for the test to fail on.
 */

interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: { enum?: string[]; type?: string };
}

interface OpenApiSchema {
  $ref?: string;
  enum?: string[];
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  responses?: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** HTTP routes with no GraphQL twin on purpose: probes, scrapes and signed system traffic, not admin reads or writes. */
export const HTTP_ONLY: Record<string, string> = {
  'POST /webhooks/{system}': 'systems sign the raw body (Standard Webhooks); not an API for people',
  'POST /webhooks/{system}/batch': 'bulk loads from systems, signed like single webhooks',
  'GET /health/ready': 'load-balancer probe (an alias of /health)',
  'GET /health/live': 'liveness probe: no database, no GraphQL',
  'GET /metrics': 'Prometheus scrape (text exposition format)',
};

/** Parameters named on one side only, and why: a route prefix (or an operationId) and the parameter. */
export const PARAMETER_EXCEPTIONS: { where: string; param: string; why: string }[] = [
  { where: '/api/golden-records/{entityType}/{id}', param: 'entityType', why: 'REST addresses a record under its type; GraphQL ids are global' },
  { where: 'mergeGoldenRecords', param: 'id', why: 'the record in the path is the survivor: `survivorId`' },
  { where: 'configuration', param: 'format', why: 'REST renders the document as JSON or YAML; GraphQL answers JSON' },
  { where: 'configurationVersion', param: 'format', why: 'REST renders the document as JSON or YAML; GraphQL answers JSON' },
];

/** GraphQL root fields that have no REST route on purpose. */
export const GRAPHQL_ONLY: Record<string, string> = {};

interface Row {
  kind: 'read' | 'write';
  rest: string;
  graphql: string;
  notes: string[];
}

export interface ParityReport {
  markdown: string;
  problems: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function buildParityReport(openapi: OpenApiDocument, schema: GraphQLSchema): ParityReport {
  const problems: string[] = [];
  const rows: Row[] = [];
  const httpOnly: [string, string][] = [];
  const covered = new Set<string>();
  const query = schema.getQueryType()!;
  const mutation = schema.getMutationType()!;

  for (const [path, item] of Object.entries(openapi.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const route = `${method.toUpperCase()} ${path}`;
      if (path.startsWith('/api/docs') || path.startsWith('/status')) continue;
      if (HTTP_ONLY[route]) {
        httpOnly.push([route, HTTP_ONLY[route]]);
        continue;
      }
      const kind = method === 'get' ? 'read' : 'write';
      const target = resolveField(schema, op.operationId, kind);
      // Outside /api (pages, static files): listed, not required to have a twin.
      if (!target && !path.startsWith('/api/')) {
        httpOnly.push([route, 'outside the admin API (/api)']);
        continue;
      }
      if (!target) {
        problems.push(`${route}: no GraphQL counterpart (operationId ${op.operationId ?? 'missing'} names no ${kind === 'read' ? 'query or field' : 'mutation'})`);
        continue;
      }
      covered.add(target.label);
      const notes = compareParameters(op, target, problems, route);
      if (kind === 'read') compareResponseEnums(openapi, op, target, problems, route);
      rows.push({ kind, rest: `\`${route}\``, graphql: `\`${target.label}\``, notes });
    }
  }

  for (const [root, kind] of [[query, 'read'], [mutation, 'write']] as const) {
    for (const name of Object.keys(root.getFields())) {
      const label = `${root.name}.${name}`;
      if (covered.has(label)) continue;
      if (GRAPHQL_ONLY[label]) {
        rows.push({ kind, rest: '—', graphql: `\`${label}\``, notes: [GRAPHQL_ONLY[label]] });
        continue;
      }
      problems.push(`${label}: a GraphQL ${kind} with no REST operation naming it`);
    }
  }

  rows.sort((a, b) => a.kind.localeCompare(b.kind) || routeKey(a.rest).localeCompare(routeKey(b.rest)));
  return { markdown: render(rows, httpOnly), problems };
}

interface Target {
  label: string;
  field: GraphQLField<unknown, unknown>;
  /** a field of an object type (GoldenRecord.versions): the parent supplies the path's ids */
  nested: boolean;
}

function resolveField(schema: GraphQLSchema, operationId: string | undefined, kind: 'read' | 'write'): Target | undefined {
  if (!operationId) return undefined;
  const [typeName, fieldName] = operationId.includes('.') ? operationId.split('.') : [undefined, operationId];
  const found = typeName ? schema.getType(typeName) : kind === 'read' ? schema.getQueryType() : schema.getMutationType();
  // Duck-typed, not instanceof: vitest and Nest may load graphql's ESM and CommonJS builds side by side.
  if (!found || !('getFields' in found) || 'getValues' in found) return undefined;
  const type = found as GraphQLObjectType;
  const field = type.getFields()[fieldName];
  return field ? { label: `${type.name}.${field.name}`, field, nested: Boolean(typeName) } : undefined;
}

function compareParameters(op: OpenApiOperation, target: Target, problems: string[], route: string): string[] {
  const notes: string[] = [];
  const args = new Map<string, GraphQLArgument>(target.field.args.map((a) => [a.name, a]));
  for (const p of op.parameters ?? []) {
    if (p.in === 'header') continue;
    if (p.in === 'path' && target.nested) continue;
    const exception = PARAMETER_EXCEPTIONS.find(
      (e) => e.param === p.name && (e.where === op.operationId || route.split(' ')[1].startsWith(e.where)),
    )?.why;
    const arg = args.get(p.name);
    if (!arg) {
      if (exception) notes.push(`\`${p.name}\`: ${exception}`);
      else problems.push(`${route}: parameter ${p.name} has no argument of that name on ${target.label}`);
      continue;
    }
    const values = p.schema?.enum;
    if (!values) continue;
    const named = namedType(arg.type);
    if ('getValues' in named) {
      const gqlValues = (named as GraphQLEnumType).getValues().map((v) => v.value as string);
      if ([...gqlValues].sort().join() !== [...values].sort().join()) {
        problems.push(`${route}: enum ${p.name} is [${values.join(', ')}] in REST, [${gqlValues.join(', ')}] in GraphQL`);
      } else {
        notes.push(`\`${p.name}\`: enum \`${named.name}\``);
      }
    } else if ([...values].sort().join() === 'false,true' && named.name === 'Boolean') {
      continue;
    } else if (values.every((v) => GRAPHQL_NAME.test(v))) {
      problems.push(`${route}: ${p.name} is an enum in REST but ${named.name} in GraphQL`);
    } else {
      notes.push(`\`${p.name}\`: a string in GraphQL (not valid GraphQL enum values: ${values.filter((v) => !GRAPHQL_NAME.test(v)).join(', ')})`);
    }
  }
  if (hasPaging(op) && hasPagingArgs(target.field)) notes.unshift('paged: `first` / `after`');
  return notes;
}

/** Every enum property of the REST response item must be the same enum on the GraphQL type (or a string, see above). */
function compareResponseEnums(openapi: OpenApiDocument, op: OpenApiOperation, target: Target, problems: string[], route: string): void {
  const schemas = openapi.components?.schemas ?? {};
  const deref = (x: OpenApiSchema | undefined): OpenApiSchema | undefined => (x?.$ref ? schemas[x.$ref.split('/').at(-1)!] : x);
  let item = deref(op.responses?.['200']?.content?.['application/json']?.schema);
  if (item?.type === 'array') item = deref(item.items);
  if (item?.properties?.items && item.properties.pageInfo) item = deref(item.properties.items.items);
  let type = namedType(target.field.type) as GraphQLObjectType;
  if (!('getFields' in type)) return;
  if (type.getFields().nodes && type.getFields().pageInfo) type = namedType(type.getFields().nodes.type) as GraphQLObjectType;
  for (const [name, prop] of Object.entries(item?.properties ?? {})) {
    const values = prop.enum;
    const field = type.getFields()[name];
    if (!values || !field) continue;
    const named = namedType(field.type);
    if ('getValues' in named) {
      const gqlValues = (named as GraphQLEnumType).getValues().map((v) => v.value as string);
      if ([...gqlValues].sort().join() !== [...values].sort().join()) {
        problems.push(`${route}: field ${name} is [${values.join(', ')}] in REST, [${gqlValues.join(', ')}] in GraphQL`);
      }
    } else if (values.every((v) => GRAPHQL_NAME.test(v))) {
      problems.push(`${route}: field ${name} is an enum in REST but ${named.name} in ${type.name}`);
    }
  }
}

function namedType(type: GraphQLType): { name: string } {
  let t: GraphQLType = type;
  while ('ofType' in t) t = t.ofType;
  return t;
}

function hasPaging(op: OpenApiOperation): boolean {
  const names = new Set((op.parameters ?? []).map((p) => p.name));
  return names.has('first') && names.has('after');
}

function hasPagingArgs(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((a) => a.name === 'first') && field.args.some((a) => a.name === 'after');
}

function routeKey(rest: string): string {
  const [method, path] = rest.replaceAll('`', '').split(' ');
  return `${path ?? ''} ${method}`;
}

function render(rows: Row[], httpOnly: [string, string][]): string {
  const line = (r: Row) => `| ${r.kind} | ${r.rest} | ${r.graphql} | ${r.notes.join('; ')} |`;
  return [
    '# REST and GraphQL parity',
    '',
    '<!-- Generated by test/api-parity.e2e-spec.ts from /api/openapi.json and the GraphQL schema.',
    '     Regenerate with: UPDATE_API_PARITY=1 npx vitest run --project e2e test/api-parity.e2e-spec.ts -->',
    '',
    'Every read and every steward or admin write exists on both transports, over the same service, with the same',
    'parameter names and the same enum values. Each REST operation names its GraphQL twin in its `operationId`; the test',
    'that writes this table fails when an operation exists on one side only, a parameter is named differently, or an enum',
    'has other values. Lists follow one paging contract: [api-paging.md](api-paging.md).',
    '',
    '| Kind | REST | GraphQL | Notes |',
    '| --- | --- | --- | --- |',
    ...rows.map(line),
    '',
    '## Only over HTTP, by design',
    '',
    '| Route | Why |',
    '| --- | --- |',
    ...httpOnly.sort(([a], [b]) => a.localeCompare(b)).map(([route, why]) => `| \`${route}\` | ${why} |`),
    '',
  ].join('\n');
}
