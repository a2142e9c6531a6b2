import { Module } from '@nestjs/common';
import { GoldenRecordsReadModule } from '../read/golden-records-read.module';
import { GoldenMergeService } from './golden-merge.service';
import { GoldenStewardController } from './golden-steward.controller';
import { GoldenStewardResolver } from './golden-steward.resolver';
import { GoldenStewardService } from './golden-steward.service';
import { StewardCoreModule } from './steward-core.module';

/** A data steward's write actions on golden records (GraphQL mutations and REST), steward role required. */
@Module({
  imports: [StewardCoreModule, GoldenRecordsReadModule],
  controllers: [GoldenStewardController],
  providers: [GoldenStewardService, GoldenMergeService, GoldenStewardResolver],
  // The review queue of match suspects merges through it, in its own transaction.
  exports: [GoldenMergeService],
})
export class GoldenStewardModule {}
