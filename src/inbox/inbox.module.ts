import { Module } from '@nestjs/common';
import { InboxWriterService } from './inbox-writer.service';

/**
 * The inbox (`inbox_event`): written by ingest (webhooks), polling (pulls) and delivery (a record read back after a
 * refused conditional write, through insertInboxEvents in its own transaction), claimed and marked by the
 * pipeline (inbox.repository). The one module that holds SQL on the table; see docs/architecture.md.
 */
@Module({
  providers: [InboxWriterService],
  exports: [InboxWriterService],
})
export class InboxModule {}
