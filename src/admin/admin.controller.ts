import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor } from './auth/actor';
import { ApiKeyService } from './auth/api-key.service';
import { CurrentActor, RequireRole } from './auth/auth.decorators';
import { AuditService } from './audit/audit.service';
import { AuditQueryDto, IssueApiKeyDto } from './admin.dto';

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
  @ApiOperation({ summary: 'Issue an API key (the key is shown once)' })
  issue(@Body() body: IssueApiKeyDto, @CurrentActor() actor: Actor) {
    return this.keys.issue(body.name, body.role, actor);
  }

  @Get('api-keys')
  @ApiOperation({ summary: 'List API keys (never the secrets)' })
  async list() {
    const keys = await this.keys.list();
    return keys.map(({ keyHash: _hash, ...rest }) => rest);
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  async revoke(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.keys.revoke(id, actor);
  }

  @Get('audit-log')
  @ApiOperation({ summary: 'Audit log, newest first; page with ?before=<id>' })
  auditLog(@Query() q: AuditQueryDto) {
    return this.audit.list({ limit: q.limit ?? 100, before: q.before, action: q.action });
  }
}
