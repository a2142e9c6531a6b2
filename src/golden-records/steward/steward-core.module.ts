import { Module } from '@nestjs/common';
import { StewardWriteService } from './steward-write.service';

/**
 * The transaction every steward action runs in. Its own module so that conflicts (resolve) and golden records
 * (override, rollback, merge, …) share it without the two feature modules importing each other.
 */
@Module({
  providers: [StewardWriteService],
  exports: [StewardWriteService],
})
export class StewardCoreModule {}
