import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminModule } from '../admin/admin.module';
import { GraphqlIntrospectionPlugin } from './graphql-introspection.plugin';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitService } from './rate-limit.service';

/**
 * Limits on what callers may ask: GraphQL introspection by key, rate limits. Imported by the app after AdminModule,
 * so the rate-limit guard runs after the API-key guard has named the caller.
 */
@Module({
  imports: [AdminModule],
  providers: [GraphqlIntrospectionPlugin, RateLimitService, { provide: APP_GUARD, useClass: RateLimitGuard }],
  exports: [RateLimitService],
})
export class SecurityModule {}
