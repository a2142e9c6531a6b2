import { Module } from '@nestjs/common';
import { ConflictsModule } from '../../conflicts/conflicts.module';
import { ConflictGoldenRecordResolver } from './conflict-golden-record.resolver';
import { GoldenReadRepository } from './golden-read.repository';
import { GoldenRecordQueryService } from './golden-record-query.service';
import { GoldenRecordResolver } from './golden-record.resolver';
import { GoldenRecordsController } from './golden-records.controller';

/** Steward-facing reads over golden records: GraphQL and the REST mirror. Read-only. */
@Module({
  imports: [ConflictsModule],
  controllers: [GoldenRecordsController],
  providers: [GoldenReadRepository, GoldenRecordQueryService, GoldenRecordResolver, ConflictGoldenRecordResolver],
  exports: [GoldenRecordQueryService],
})
export class GoldenRecordsReadModule {}
