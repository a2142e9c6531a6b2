import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toRestPage } from '../common/connection';
import type { RestPageShape } from '../common/page-models';
import { PageQueryDto } from '../common/page-query.dto';
import { AuditQueryDto, IssueApiKeyDto } from './admin.dto';
import { type ApiKeyModel, ApiKeyPage, type AuditEntryModel, AuditEntryPage, IssuedApiKeyModel } from './admin.model';
import { type Actor } from './auth/actor';
import { ApiKeyService } from './auth/api-key.service';
import { CurrentActor, RequireRole } from './auth/auth.decorators';
import { AuditService } from './audit/audit.service';

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api')
export class AdminController {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  @Post('api-keys')
  @ApiOperation({ operationId: 'issueApiKey', summary: 'Issue an API key (the key is shown once)' })
  @ApiOkResponse({ type: IssuedApiKeyModel })
  issue(@Body() body: IssueApiKeyDto, @CurrentActor() actor: Actor): Promise<IssuedApiKeyModel> {
    return this.keys.issue(body.name, body.role, actor);
  }

  @Get('api-keys')
  @ApiOperation({ operationId: 'apiKeys', summary: 'API keys, newest first, revoked ones included (never the secrets)' })
  @ApiOkResponse({ type: ApiKeyPage })
  async list(@Query() q: PageQueryDto): Promise<RestPageShape<ApiKeyModel>> {
    return toRestPage(await this.keys.list(q.first, q.after));
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key' })
  async revoke(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.keys.revoke(id, actor);
  }

  @Get('audit-log')
  @ApiOperation({ operationId: 'auditLog', summary: 'Audit log, newest first, by action, actor and time range; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: AuditEntryPage })
  async auditLog(@Query() q: AuditQueryDto): Promise<RestPageShape<AuditEntryModel>> {
    return toRestPage(await this.audit.list({ action: q.action, actor: q.actor, from: q.from, to: q.to }, q.first, q.after));
  }
}

