import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
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

  @Query(() => ConfigDocumentModel, { description: 'The configuration document in force, with its version. Role: admin. Errors: HUB_CONFIG_NOT_LOADED.' })
  @RequireRole('admin')
  configuration(): ConfigDocumentModel {
    return this.config.export();
  }

  @Query(() => ConfigVersionConnection, { description: 'Stored configuration versions, newest first (without their documents). Role: admin.' })
  @RequireRole('admin')
  async configurationVersions(
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<ConfigVersionModel>> {
    return toConnection(await this.config.versions(first, after));
  }

  @Query(() => ConfigDocumentModel, { nullable: true, description: 'A stored version of the document; null when there is none. Role: admin.' })
  @RequireRole('admin')
  configurationVersion(@Args('version', { type: () => Int, description: 'the version number (ConfigurationVersion.version)' }) version: number): Promise<ConfigDocumentModel | null> {
    return this.config.findVersion(version);
  }

  @Mutation(() => ConfigReplaceResultModel, {
    description: 'Replace the configuration (a new version; golden records affected by rule changes are recomputed by jobs), or with dryRun validate it and list the changes; audited. '
      + 'Role: admin. Errors: HUB_CONFIG_INVALID (details list each error with its path), CONFIG_VERSION_MISMATCH.',
  })
  @RequireRole('admin')
  replaceConfiguration(
    @CurrentActor() actor: Actor,
    @Args('document', { type: () => GraphQLJSON, description: 'the whole new document, as configuration.document returns it (docs/configuration.md)' }) document: unknown,
    @Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false, description: 'true: validate and report changes and impact, store nothing' }) dryRun: boolean,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'optimistic lock: the version the document was based on; a newer stored one refuses the change (CONFIG_VERSION_MISMATCH)' })
    expectedVersion?: number | null,
  ): Promise<ConfigReplaceResultModel> {
    return this.config.replace(document, { dryRun, actor, expectedVersion: expectedVersion ?? undefined });
  }

  @Query(() => [SystemViewModel], { description: 'Systems: direction, adapter type, entities mapped, polling and schedule (the whole list, no URLs or secrets)' })
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
