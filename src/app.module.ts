import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from './admin/admin.module';
import { formatGraphqlError } from './common/graphql-error.formatter';
import { describeRootTypes } from './common/graphql-root-types';
import type { AppSettings } from './config/app-settings';
import { SettingsModule } from './config/settings.module';
import { dataSourceOptions } from './database/data-source-options';
import { ObservabilityModule } from './observability/observability.module';
import { featureModules } from './feature-modules';
import { graphqlValidationRules } from './security/graphql-limits';
import { SecurityModule } from './security/security.module';

@Module({})
export class AppModule {
  static forRoot(settings: AppSettings, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, {}, settings.preparedStatements), autoLoadEntities: true }),
        ScheduleModule.forRoot(),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          // Introspection is answered only to callers with a valid key (GraphqlIntrospectionPlugin).
          introspection: true,
          // Stack traces carry absolute paths: never in an answer, whatever NODE_ENV says (the log has them).
          includeStacktraceInErrorResponses: false,
          validationRules: graphqlValidationRules(settings.graphqlLimits),
          parseOptions: { maxTokens: settings.graphqlLimits.maxTokens },
          formatError: formatGraphqlError,
          transformSchema: describeRootTypes,
          // No `context` option: the driver's default puts the platform's request at `req` (guards read it there).
        }),
        AdminModule,
        ObservabilityModule,
        SecurityModule,
        ...featureModules,
      ],
    };
  }
}
