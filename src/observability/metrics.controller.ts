import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../admin/auth/auth.decorators';
import { MetricsService } from './metrics.service';

/** Public like /health: Prometheus scrapers carry no API key; keep the port off the internet instead. */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({ operationId: 'metrics', summary: 'Prometheus metrics (text exposition format): process, pipeline, queues, HTTP' })
  @ApiProduces('text/plain')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const body = await this.metrics.render();
    reply.type(this.metrics.contentType);
    return body;
  }
}
