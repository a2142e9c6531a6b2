import { Query, Resolver } from '@nestjs/graphql';
import { HubConfigService } from './hub-config.service';
import { entityTypeViews, systemViews } from './hub-config.views';
import { EntityTypeModel, SystemSummaryModel } from './catalog-view.model';

/** GraphQL mirror of GET /api/entity-types and the names of GET /api/systems, for viewers. */
@Resolver()
export class CatalogViewResolver {
  constructor(private readonly config: HubConfigService) {}

  @Query(() => [EntityTypeModel], { description: 'Entity types in force: fields, match keys, precedence' })
  entityTypes(): EntityTypeModel[] {
    return entityTypeViews(this.config.current()).map((t) => ({
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
    }));
  }

  @Query(() => [SystemSummaryModel], { description: 'Configured systems, in declaration order' })
  systems(): SystemSummaryModel[] {
    return systemViews(this.config.current()).map((s) => ({
      key: s.key, name: s.name, direction: s.direction, adapterType: s.adapter?.type ?? null, entityTypes: s.entities.map((e) => e.entityType),
    }));
  }
}
