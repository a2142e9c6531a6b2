import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { DomainError } from '../common/domain-error';
import type { SecurityErrorCode } from './security.errors';
import { hasUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../common/json-limits';

export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
}

/**
 * Reports a refusal as a validation error whose original error is a DomainError: the one GraphQL mapper then
 * answers its code (QUERY_TOO_DEEP…), as REST would. Reported, not thrown, so validation reports every problem.
 */
function refuse(code: SecurityErrorCode) {
  return (ctx: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    ctx?.reportError(new GraphQLError(message, { originalError: new DomainError(code, message, 'invalid') }));
  };
}

/** Rejects string literals PostgreSQL cannot store; variables are checked with the JSON body. */
const unstorableLiterals: ValidationRule = (ctx) => ({
  StringValue(node) {
    if (hasUnstorableText(node.value)) {
      ctx.reportError(new GraphQLError(UNSTORABLE_TEXT_MESSAGE, {
        nodes: [node], originalError: new DomainError('PAYLOAD_UNSTORABLE', UNSTORABLE_TEXT_MESSAGE, 'invalid'),
      }));
    }
  },
});

/**
 * Depth, alias and cost limits from graphql-armor's rules (see docs/decision-security-libraries.md); the token limit
 * is graphql-js's own parser option (`maxTokens`), which stops parsing a huge document before it is built.
 */
export function graphqlValidationRules(limits: GraphqlLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, onReject: [refuse('QUERY_TOO_DEEP')] }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [refuse('TOO_MANY_ALIASES')] }),
    costLimitRule({ ...common, maxCost: limits.maxCost, onReject: [refuse('QUERY_TOO_COSTLY')] }),
    unstorableLiterals,
  ] as ValidationRule[];
}
