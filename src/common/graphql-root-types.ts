import type { GraphQLSchema } from 'graphql';

/**
 * Descriptions of the root types. Nest's code-first builder names Query and Mutation itself and takes no
 * description for them, so the server (GraphQLModule's transformSchema) and `npm run schema` both set them here,
 * on the schema they have just built, before it is sorted and served or printed.
 */
const ROOT_DESCRIPTIONS = {
  query: 'The reads. Each needs an API key (`Authorization: Bearer <key>` or `x-api-key`) with at least the viewer role, '
    + 'unless its description names another role; health alone is public. A refusal or failure comes as errors[].extensions.code '
    + '(docs/error-codes.md), and a missing key as API_KEY_MISSING or API_KEY_INVALID.',
  mutation: 'The writes. Each description names the least role it needs (viewer < steward < admin; a lower one gets ROLE_FORBIDDEN) '
    + 'and the error codes it can answer in errors[].extensions.code (docs/error-codes.md). Those marked audited are recorded in auditLog.',
} as const;

export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  // The types were created for this schema alone: setting the description in place changes nothing shared.
  if (query) query.description = ROOT_DESCRIPTIONS.query;
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.mutation;
  return schema;
}
