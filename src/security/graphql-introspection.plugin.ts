import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLError, type DocumentNode, Kind, visit, BREAK } from 'graphql';
import { presentedKey } from '../admin/auth/api-key.guard';
import { ApiKeyService } from '../admin/auth/api-key.service';
import { DomainError } from '../common/domain-error';

type Context = { req?: { headers: Record<string, string | string[] | undefined> } };

function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection tells a caller every type, field and argument: only callers with a valid API key get it, with the
 * same codes as every other unauthenticated request. Checked once the operation is known, before it runs.
 */
@Plugin()
export class GraphqlIntrospectionPlugin implements ApolloServerPlugin<Context> {
  constructor(private readonly keys: ApiKeyService) {}

  requestDidStart(): Promise<GraphQLRequestListener<Context>> {
    return Promise.resolve({
      didResolveOperation: async ({ document, contextValue }) => {
        if (document.definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION) || !asksForSchema(document)) return;
        const presented = presentedKey(contextValue.req?.headers ?? {});
        const refusal = !presented
          ? new DomainError('API_KEY_MISSING', 'introspection needs an API key: send it as "Authorization: Bearer <key>" or "x-api-key"', 'unauthorized')
          : (await this.keys.authenticate(presented)) ? undefined : new DomainError('API_KEY_INVALID', 'the API key is unknown or revoked', 'unauthorized');
        // The HTTP status REST gives the same refusal; Apollo would answer 500 for an error thrown here.
        if (refusal) throw new GraphQLError(refusal.message, { originalError: refusal, extensions: { http: { status: 401 } } });
      },
    });
  }
}
