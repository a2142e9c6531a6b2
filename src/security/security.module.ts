import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { GraphqlIntrospectionPlugin } from './graphql-introspection.plugin';

/** Limits on what callers may ask: GraphQL introspection by key, rate limits. */
@Module({
  imports: [AdminModule],
  providers: [GraphqlIntrospectionPlugin],
})
export class SecurityModule {}
