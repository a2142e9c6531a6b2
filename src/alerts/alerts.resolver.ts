import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { toConnection } from '../common/connection';
import type { ConnectionShape } from '../common/page-models';
import { AlertConnection, AlertModel, AlertRuleEnum, AlertStatusEnum } from './alerts.dto';
import { AlertsService } from './alerts.service';
import type { AlertRule, AlertStatus } from './domain/alert-rules';

/** GraphQL twin of AlertsController, over the same service. */
@Resolver(() => AlertModel)
export class AlertsResolver {
  constructor(private readonly service: AlertsService) {}

  @Query(() => AlertConnection, { description: 'Alerts, newest first, open and resolved' })
  async alerts(
    @Args('status', { type: () => AlertStatusEnum, nullable: true }) status?: AlertStatus | null,
    @Args('rule', { type: () => AlertRuleEnum, nullable: true }) rule?: AlertRule | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<AlertModel>> {
    return toConnection(await this.service.list({ status, rule }, first, after));
  }
}
