import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor, RequireRole } from '../../admin/auth/auth.decorators';
import type { Strategy } from '../hub-config.schema';
import { EntityTypeRulesInput, EntityTypeRulesModel, SetEntityTypeRulesResultModel } from './rules.model';
import { RulesService } from './rules.service';

@Resolver(() => EntityTypeRulesModel)
export class RulesResolver {
  constructor(private readonly rules: RulesService) {}

  @Query(() => EntityTypeRulesModel, { description: 'Survivorship rules of an entity type, with the configuration version to pass as expectedVersion. Errors: ENTITY_TYPE_UNKNOWN.' })
  entityTypeRules(@Args('entityType', { description: 'entity type name (EntityType.name)' }) entityType: string): EntityTypeRulesModel {
    return this.rules.get(entityType);
  }

  @Mutation(() => SetEntityTypeRulesResultModel, {
    description: 'Change an entity type\'s rules (a new configuration version; golden records are recomputed by a job), or dry-run it; audited. '
      + 'Role: admin. Errors: ENTITY_TYPE_UNKNOWN, RULES_INVALID (details name each field), CONFIG_VERSION_MISMATCH.',
  })
  @RequireRole('admin')
  async setEntityTypeRules(
    @CurrentActor() actor: Actor,
    @Args('entityType', { description: 'entity type name (EntityType.name)' }) entityType: string,
    @Args('rules', { type: () => EntityTypeRulesInput, description: 'the rule keys to change; keys left out stay as they are' }) rules: EntityTypeRulesInput,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'optimistic lock: the configVersion the rules were read at' })
    expectedVersion?: number | null,
    @Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false, description: 'true: validate and report the changes and their impact, store nothing' }) dryRun?: boolean,
  ): Promise<SetEntityTypeRulesResultModel> {
    const result = await this.rules.set(entityType, {
      precedence: rules.precedence ?? undefined,
      fieldPrecedence: rules.fieldPrecedence ?? undefined,
      strategy: (rules.strategy ?? undefined) as Strategy | undefined,
      fieldStrategies: (rules.fieldStrategies ?? undefined) as Record<string, Strategy> | undefined,
    }, { dryRun: dryRun ?? false, actor, expectedVersion: expectedVersion ?? undefined });
    if ('dryRun' in result) {
      return { applied: false, dryRun: true, configVersion: result.configVersion, changes: result.changes, jobs: [], impact: result.impact, rules: null };
    }
    const { applied, changes, jobs, ...view } = result;
    return { applied, dryRun: false, configVersion: view.configVersion, changes, jobs, impact: null, rules: view };
  }
}
