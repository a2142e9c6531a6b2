import { Module } from '@nestjs/common';
import { OpsSignalsModule } from '../common/ops-signals';
import { AlertEvaluatorService } from './alert-evaluator.service';
import { AlertsController } from './alerts.controller';
import { AlertsResolver } from './alerts.resolver';
import { AlertsService } from './alerts.service';

/** Alert rules evaluated over the hub's state, their notifications, and the alerts API. See docs/operations.md. */
@Module({
  imports: [OpsSignalsModule],
  controllers: [AlertsController],
  providers: [AlertEvaluatorService, AlertsService, AlertsResolver],
  exports: [AlertsService],
})
export class AlertsModule {}
