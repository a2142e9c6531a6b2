import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module';
import { GoldenRecordsPipelineModule } from '../pipeline/golden-records-pipeline.module';
import { RecomputeJobHandler } from './recompute-job.handler';
import { RulesChangeListener } from './rules-change.listener';
import { RulesImpactService } from './rules-impact.service';

/**
 * Rule changes take effect: a recompute job per entity type whose survivorship rules a configuration version
 * changes (queued in the version's transaction), the job kind that runs it, and the impact dry run. Plugs into the
 * configuration through its ports, so the configuration module imports no feature.
 */
@Module({
  imports: [JobsModule, GoldenRecordsPipelineModule],
  providers: [RecomputeJobHandler, RulesChangeListener, RulesImpactService],
})
export class RecomputeModule {}
