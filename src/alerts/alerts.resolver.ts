import { Args, Query, Resolver } from '@nestjs/graphql';
import { toConnection } from '../common/connection';
import { AFTER_ARG, FIRST_ARG } from '../common/page-args';
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
    @Args('status', { type: () => AlertStatusEnum, nullable: true, description: 'only open or only resolved alerts; both when left out' }) status?: AlertStatus | null,
    @Args('rule', { type: () => AlertRuleEnum, nullable: true, description: 'only the alerts of this rule' }) rule?: AlertRule | null,
    @Args('first', FIRST_ARG) first?: number | null,
    @Args('after', AFTER_ARG) after?: string | null,
  ): Promise<ConnectionShape<AlertModel>> {
    return toConnection(await this.service.list({ status, rule }, first, after));
  }
}
