import { Module } from '@nestjs/common';
import { AuditModule } from '../../admin/audit/audit.module';
import { GoldenRecordsPipelineModule } from '../pipeline/golden-records-pipeline.module';
import { StewardWriteService } from './steward-write.service';

/**
 * The transaction every steward action runs in. Its own module so that conflicts (resolve) and golden records
 * (override, rollback, merge, …) share it without the two feature modules importing each other.
 */
@Module({
  imports: [AuditModule, GoldenRecordsPipelineModule],
  providers: [StewardWriteService],
  exports: [StewardWriteService],
})
export class StewardCoreModule {}
