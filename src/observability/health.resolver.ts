import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../admin/auth/auth.decorators';
import { HealthService } from './health.service';

@ObjectType('Health', { description: 'Readiness of the hub, for clients that only speak GraphQL (GET /health/ready has the details)' })
class HealthModel {
  @Field({ description: 'ok | down: down when the database does not answer' }) status!: string;
  @Field({ description: 'up | down: PostgreSQL answered SELECT 1 within 2 s' }) database!: string;
}

@Resolver(() => HealthModel)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => HealthModel, { description: 'Readiness of the hub and its database; public: answered without an API key' })
  async health(): Promise<HealthModel> {
    const r = await this.healthService.readiness();
    return { status: r.status, database: r.checks.database.status };
  }
}
