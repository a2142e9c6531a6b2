import { graphql } from '../gql';

export const RulesQuery = graphql(`
  query EntityTypeRules($entityType: String!) {
    entityTypeRules(entityType: $entityType) { entityType precedence fieldPrecedence strategy fieldStrategies configVersion effective }
  }
`);

export const SetRulesMutation = graphql(`
  mutation SetEntityTypeRules($entityType: String!, $rules: EntityTypeRulesInput!, $expectedVersion: Int, $dryRun: Boolean) {
    setEntityTypeRules(entityType: $entityType, rules: $rules, expectedVersion: $expectedVersion, dryRun: $dryRun) {
      applied dryRun configVersion changes jobs impact
    }
  }
`);

export const JobQuery = graphql(`
  query Job($id: ID!) {
    job(id: $id) { id kind key status processed total changed progress lastError startedAt finishedAt }
  }
`);
