import { Module } from '@nestjs/common';
import { OpsSignalsModule } from '../common/ops-signals';
import { GoldenRecordsPipelineModule } from '../golden-records/pipeline/golden-records-pipeline.module';
import { HealthController } from './health.controller';
import { HealthResolver } from './health.resolver';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { PipelineMetricsService } from './pipeline-metrics.service';
import { StatusPageController } from './status-page.controller';
import { StatusController } from './status.controller';
import { StatusResolver } from './status.resolver';
import { StatusService } from './status.service';

/** Health probes, Prometheus metrics and the status page: what an operator watches. See docs/operations.md. */
@Module({
  imports: [GoldenRecordsPipelineModule, OpsSignalsModule],
  controllers: [HealthController, MetricsController, StatusController, StatusPageController],
  providers: [HealthService, HealthResolver, MetricsService, PipelineMetricsService, StatusService, StatusResolver],
  exports: [HealthService, MetricsService],
})
export class ObservabilityModule {}
