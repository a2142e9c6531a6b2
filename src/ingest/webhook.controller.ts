import { applyDecorators, Controller, HttpCode, Param, Post, type RawBodyRequest, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../admin/auth/auth.decorators';
import { IngestService, type WebhookRequest } from './ingest.service';
import { MAX_BATCH_EVENTS } from './webhook-envelope';

const SignatureHeaders = () => applyDecorators(
  ApiHeader({ name: 'webhook-id', required: true, description: 'unique message id; the same id again is a no-op (svix-id accepted)' }),
  ApiHeader({ name: 'webhook-timestamp', required: true, description: 'send time, integer seconds since the epoch (svix-timestamp accepted)' }),
  ApiHeader({ name: 'webhook-signature', required: true, description: 'space-separated "v1,<base64 HMAC-SHA256>" entries (svix-signature accepted)' }),
);

const ERRORS = 'UNKNOWN_SYSTEM 404; SYSTEM_NOT_INBOUND, WEBHOOK_SECRET_NOT_CONFIGURED 403; SIGNATURE_HEADERS_MISSING, '
  + 'SIGNATURE_HEADERS_INVALID, SIGNATURE_INVALID, TIMESTAMP_OUT_OF_TOLERANCE 401; MALFORMED_JSON, BODY_REQUIRED, INVALID_ENVELOPE, '
  + 'UNKNOWN_EVENT_TYPE, EXTERNAL_ID_MISSING, PAYLOAD_UNSTORABLE 400; PAYLOAD_TOO_LARGE 413';

function toRequest(systemKey: string, req: RawBodyRequest<FastifyRequest>): WebhookRequest {
  return { systemKey, headers: req.headers, rawBody: req.rawBody, body: req.body };
}

/** Source systems authenticate by signature (Standard Webhooks), not API keys. */
@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly ingest: IngestService) {}

  @Post(':system')
  @HttpCode(202)
  @ApiOperation({ summary: 'Receive one change (Standard Webhooks)', description: `Stored in the inbox before the answer. Errors: ${ERRORS}.` })
  @ApiParam({ name: 'system', description: 'the system key from the configuration' })
  @SignatureHeaders()
  @ApiBody({
    schema: {
      type: 'object', required: ['type', 'data'],
      properties: {
        type: { type: 'string', example: 'customers.updated', description: '<system entity name>.<created|updated|deleted>' },
        timestamp: { type: 'string', format: 'date-time' },
        data: { type: 'object', description: "the system's own record, including its id field" },
      },
    },
  })
  @ApiResponse({ status: 202, description: 'stored: { eventId, inboxId, status: "accepted", duplicate: false }' })
  @ApiResponse({ status: 200, description: 'a replay of a stored webhook-id: { eventId, status: "duplicate", duplicate: true }; nothing changed' })
  async receive(@Param('system') system: string, @Req() req: RawBodyRequest<FastifyRequest>, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.ingest.receive(toRequest(system, req));
    if (outcome.duplicate) {
      reply.status(200);
      return { eventId: outcome.eventId, status: 'duplicate', duplicate: true };
    }
    return { eventId: outcome.eventId, inboxId: outcome.inboxId, status: 'accepted', duplicate: false };
  }

  @Post(':system/batch')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Receive many changes in one signed request (bulk loads)',
    description: `All-or-nothing: one invalid event refuses the batch (BATCH_INVALID lists each by index) and nothing is stored. `
      + `At most ${MAX_BATCH_EVENTS} events (BATCH_TOO_LARGE 413). Event ids already stored count as duplicates. Other errors: ${ERRORS}.`,
  })
  @ApiParam({ name: 'system', description: 'the system key from the configuration' })
  @SignatureHeaders()
  @ApiBody({
    schema: {
      type: 'object', required: ['events'],
      properties: {
        events: {
          type: 'array', maxItems: MAX_BATCH_EVENTS,
          items: {
            type: 'object', required: ['id', 'type', 'data'],
            properties: { id: { type: 'string' }, type: { type: 'string' }, timestamp: { type: 'string', format: 'date-time' }, data: { type: 'object' } },
          },
        },
      },
    },
  })
  @ApiResponse({ status: 202, description: '{ batchId, accepted, duplicates }' })
  async receiveBatch(@Param('system') system: string, @Req() req: RawBodyRequest<FastifyRequest>) {
    return this.ingest.receiveBatch(toRequest(system, req));
  }
}
