import { Module } from '@nestjs/common';
import { StewardCoreModule } from '../golden-records/steward/steward-core.module';
import { ConflictQueryService } from './conflict-query.service';
import { ConflictReadRepository } from './conflict-read.repository';
import { ConflictResolutionService } from './conflict-resolution.service';
import { ConflictResolver } from './conflict.resolver';
import { ConflictsController } from './conflicts.controller';

/** Conflicts over GraphQL and REST: reads, and their resolution by a steward. */
@Module({
  imports: [StewardCoreModule],
  controllers: [ConflictsController],
  providers: [ConflictReadRepository, ConflictQueryService, ConflictResolutionService, ConflictResolver],
  exports: [ConflictQueryService],
})
export class ConflictsModule {}
