import type { TypedDocumentString } from '../gql/graphql';

/** An error the API answered with (its stable code), or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { path?: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const KEY_STORAGE = 'mdh.console.apiKey';

/** The key lives in this tab only (sessionStorage): closing the tab forgets it, and it never appears in a URL. */
export const keyStore = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set: (key: string) => sessionStorage.setItem(KEY_STORAGE, key),
  clear: () => sessionStorage.removeItem(KEY_STORAGE),
};

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; details?: { path?: string; message: string }[] } }[];
}

/**
 * The console's one way to the hub: a typed GraphQL document (generated in src/gql from schema.graphql) posted to
 * this origin's /graphql with the API key. Any GraphQL error fails the whole call with its code; mutations that
 * answer per item (resolveConflicts) report item failures in their data instead.
 */
export async function gql<R, V>(document: TypedDocumentString<R, V>, variables?: V, key = keyStore.get()): Promise<R> {
  if (!key) throw new ApiError('API_KEY_MISSING', 'Sign in with an API key first.');
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('HUB_UNREACHABLE', 'The hub cannot be reached. Is it running?');
  }
  let body: GraphqlAnswer<R>;
  try {
    body = (await res.json()) as GraphqlAnswer<R>;
  } catch {
    throw new ApiError(`HTTP_${res.status}`, `The hub answered ${res.status} without a GraphQL body.`);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message, first.extensions?.details ?? []);
  if (!body.data) throw new ApiError(`HTTP_${res.status}`, `The hub answered ${res.status} with no data.`);
  return body.data;
}
