import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../admin/auth/auth.decorators';
import { HealthService } from './health.service';

@ObjectType('Health')
class HealthModel {
  @Field() status!: string;
  @Field() database!: string;
}

@Resolver(() => HealthModel)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => HealthModel, { description: 'Readiness of the hub and its database' })
  async health(): Promise<HealthModel> {
    const r = await this.healthService.readiness();
    return { status: r.status, database: r.checks.database.status };
  }
}
