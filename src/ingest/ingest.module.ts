import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { InboxWriterService } from './inbox-writer.service';
import { IngestService } from './ingest.service';
import { WebhookController } from './webhook.controller';

/**
 * Webhook ingest into the durable inbox, and the events admin API. HubConfigService, APP_SETTINGS and
 * AuditService come from global modules. The inbox worker lives elsewhere and LISTENs on INBOX_CHANNEL.
 */
@Module({
  controllers: [WebhookController, EventsController],
  providers: [IngestService, InboxWriterService, EventsRepository, EventsService, EventsResolver],
  exports: [IngestService, InboxWriterService],
})
export class IngestModule {}
