import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { AuditModule } from '../admin/audit/audit.module';
import { InboxModule } from '../inbox/inbox.module';
import { SecurityModule } from '../security/security.module';
import { IngestService } from './ingest.service';
import { WebhookController } from './webhook.controller';

/**
 * Webhook ingest into the durable inbox (the inbox module writes it), and the events admin API.
 */
@Module({
  controllers: [WebhookController, EventsController],
  imports: [AuditModule, InboxModule, SecurityModule],
  providers: [IngestService, EventsRepository, EventsService, EventsResolver],
  exports: [IngestService],
})
export class IngestModule {}
