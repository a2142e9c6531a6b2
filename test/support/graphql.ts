import { expect } from 'vitest';
import type { TestHub } from './test-hub';

/** Runs a GraphQL operation as the admin key and fails the test on GraphQL errors. */
export async function gql<T = any>(hub: TestHub, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await hub.http.post('/graphql').set(hub.auth).send({ query, variables });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data as T;
}

export const GOLDEN_FIELDS = `
  id entityType version deleted data
  lineage { field value system rule updatedAt }
  sources { system externalId }
  versions { nodes { version at cause changes } }
  conflicts { id field status values winner rule }
`;
