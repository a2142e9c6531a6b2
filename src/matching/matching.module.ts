import { Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit/audit.module';
import { JobsModule } from '../jobs/jobs.module';
import { GoldenRecordsPipelineModule } from '../golden-records/pipeline/golden-records-pipeline.module';
import { GoldenRecordsReadModule } from '../golden-records/read/golden-records-read.module';
import { GoldenStewardModule } from '../golden-records/steward/golden-steward.module';
import { StewardCoreModule } from '../golden-records/steward/steward-core.module';
import { MatchSuspectsController } from './match-suspects.controller';
import { MatchSuspectsResolver } from './match-suspects.resolver';
import { MatchSuspectsService } from './match-suspects.service';
import { SuspectDetectionService } from './suspect-detection.service';
import { SuspectScanService } from './suspect-scan.service';

/**
 * Match suspects: detection on the pipeline's in-transaction hooks (and findSuspectsFor for scans), and the
 * steward's review queue over REST and GraphQL. Owns match_block, match_suspect and match_dismissal.
 */
@Module({
  imports: [AuditModule, JobsModule, GoldenRecordsPipelineModule, StewardCoreModule, GoldenRecordsReadModule, GoldenStewardModule],
  controllers: [MatchSuspectsController],
  providers: [SuspectDetectionService, MatchSuspectsService, MatchSuspectsResolver, SuspectScanService],
  exports: [SuspectDetectionService, MatchSuspectsService],
})
export class MatchingModule {}
