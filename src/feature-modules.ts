import type { Type } from '@nestjs/common';
import { HubConfigModule } from './config/hub-config.module';
import { IngestModule } from './ingest/ingest.module';
import { ConflictsModule } from './conflicts/conflicts.module';
import { GoldenRecordsPipelineModule } from './golden-records/pipeline/golden-records-pipeline.module';
import { GoldenRecordsReadModule } from './golden-records/read/golden-records-read.module';
import { GoldenStewardModule } from './golden-records/steward/golden-steward.module';
import { PollingModule } from './polling/polling.module';
import { DeliveryModule } from './delivery/delivery.module';
import { MatchingModule } from './matching/matching.module';
import { ConsoleModule } from './console/console.module';
import { RecomputeModule } from './golden-records/recompute/recompute.module';
import { JobsModule } from './jobs/jobs.module';
import { AlertsModule } from './alerts/alerts.module';

/** Feature modules, in one list so app.module.ts does not grow with every feature. */
export const featureModules: Type[] = [
  HubConfigModule, IngestModule, ConflictsModule, GoldenRecordsReadModule, GoldenRecordsPipelineModule, GoldenStewardModule, PollingModule,
  DeliveryModule, MatchingModule, ConsoleModule, JobsModule, RecomputeModule, AlertsModule,
];
