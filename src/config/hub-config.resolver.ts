import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import type { ConnectionShape } from '../common/page-models';
import {
  ConfigDocumentModel, ConfigReplaceResultModel, ConfigVersionConnection, type ConfigVersionModel, SystemViewModel,
} from './hub-config.model';
import { EntityTypeModel } from './catalog-view.model';
import { HubConfigService } from './hub-config.service';
import { type EntityTypeView, entityTypeViews, systemViews } from './hub-config.views';

/** GraphQL twin of HubConfigController and CatalogViewController, over the same service. */
@Resolver()
export class HubConfigResolver {
  constructor(private readonly config: HubConfigService) {}

  @Query(() => ConfigDocumentModel, { description: 'The configuration document in force (admin)' })
  @RequireRole('admin')
  configuration(): ConfigDocumentModel {
    return this.config.export();
  }

  @Query(() => ConfigVersionConnection, { description: 'Stored configuration versions, newest first (admin)' })
  @RequireRole('admin')
  async configurationVersions(
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<ConfigVersionModel>> {
    return toConnection(await this.config.versions(first, after));
  }

  @Query(() => ConfigDocumentModel, { nullable: true, description: 'A stored version of the document; null when there is none (admin)' })
  @RequireRole('admin')
  configurationVersion(@Args('version', { type: () => Int }) version: number): Promise<ConfigDocumentModel | null> {
    return this.config.findVersion(version);
  }

  @Mutation(() => ConfigReplaceResultModel, { description: 'Replace the configuration (a new version), or with dryRun validate it and list the changes (admin)' })
  @RequireRole('admin')
  replaceConfiguration(
    @CurrentActor() actor: Actor,
    @Args('document', { type: () => GraphQLJSON }) document: unknown,
    @Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false }) dryRun: boolean,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'optimistic lock: the version the document was based on; a newer stored one refuses the change (CONFIG_VERSION_MISMATCH)' })
    expectedVersion?: number | null,
  ): Promise<ConfigReplaceResultModel> {
    return this.config.replace(document, { dryRun, actor, expectedVersion: expectedVersion ?? undefined });
  }

  @Query(() => [SystemViewModel], { description: 'Systems: direction, adapter type, entities mapped, polling and schedule (the whole list)' })
  @RequireRole('viewer')
  systems(): SystemViewModel[] {
    return systemViews(this.config.current());
  }

  @Query(() => [EntityTypeModel], { description: 'Entity types as resolved: fields (in declaration order), match keys, precedence (the whole list)' })
  @RequireRole('viewer')
  entityTypes(): EntityTypeModel[] {
    return entityTypeViews(this.config.current()).map(toEntityTypeModel);
  }
}

/** GraphQL lists an entity type's fields in declaration order, each typed (REST keeps the name → definition map). */
function toEntityTypeModel(t: EntityTypeView): EntityTypeModel {
  return {
    name: t.name,
    description: t.description ?? null,
    fields: Object.entries(t.fields).map(([name, f]) => ({
      name, type: f.type, required: f.required ?? false, sensitive: f.sensitive ?? false, description: f.description ?? null,
      values: f.values ?? null, strategy: f.strategy ?? null,
    })),
    matchOn: t.matchOn,
    precedence: t.precedence,
    fieldPrecedence: t.fieldPrecedence,
    strategy: t.strategy,
    deletePolicy: t.deletePolicy,
    systems: t.systems,
  };
}
