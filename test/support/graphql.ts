import { expect } from 'vitest';
import type { Auth } from './api-keys';
import type { TestHub } from './test-hub';

export interface GraphqlBody {
  data?: any;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** A GraphQL call with the given headers; returns the whole body (data and errors). */
export async function gqlAs(hub: TestHub, auth: Auth | Record<string, string>, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlBody> {
  const res = await hub.http.post('/graphql').set(auth).send({ query, variables });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  return res.body as GraphqlBody;
}

/** Runs a GraphQL operation as the admin key and fails the test on GraphQL errors. */
export async function gql<T = any>(hub: TestHub, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return mutate<T>(hub, hub.auth, query, variables);
}

/** A GraphQL operation (query or mutation) that must succeed as `auth`; returns its data. */
export async function mutate<T = any>(hub: TestHub, auth: Auth, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await gqlAs(hub, auth, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** The code of the first error of a GraphQL operation that must fail as `auth`. */
export async function errorCode(hub: TestHub, auth: Auth, query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const body = await gqlAs(hub, auth, query, variables);
  expect(body.errors, 'expected an error').toBeDefined();
  return body.errors![0].extensions!.code as string;
}

export const GOLDEN_FIELDS = `
  id entityType version deleted data
  lineage { field value system rule updatedAt }
  sources { system externalId }
  versions { nodes { version at cause changes } }
  conflicts { id field status values winner rule }
`;
