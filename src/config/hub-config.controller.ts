import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import Negotiator from 'negotiator';
import { stringify } from 'yaml';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import type { RestPageShape } from '../common/page-models';
import { PageQueryDto } from '../common/page-query.dto';
import { YAML_TYPES } from '../common/body-parsers';
import { ExportConfigQueryDto, ReplaceConfigQueryDto } from './hub-config.dto';
import { type ConfigVersionModel, ConfigVersionPage } from './hub-config.model';
import { expectedVersionOf, versionEtag } from './config-precondition';
import { HubConfigService } from './hub-config.service';

/** Response header carrying the version of an exported document (the body is the document itself). */
export const CONFIG_VERSION_HEADER = 'Hub-Config-Version';

/**
 * Export and import of the configuration document. GET returns exactly what PUT accepts, so
 * `GET > hub.yaml`, edit, `PUT < hub.yaml` is the whole workflow.
 */
@ApiTags('configuration')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/config')
export class HubConfigController {
  constructor(private readonly config: HubConfigService) {}

  @Get()
  @ApiOperation({ operationId: 'configuration', summary: 'Export the configuration in force (JSON, or YAML with ?format=yaml or Accept: application/yaml)' })
  @ApiProduces('application/json', 'application/yaml')
  @ApiOkResponse({ description: `the document; its version is in the ${CONFIG_VERSION_HEADER} header and the ETag (send it back as If-Match)` })
  export(@Query() q: ExportConfigQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): unknown {
    const { version, document } = this.config.export();
    reply.header(CONFIG_VERSION_HEADER, String(version));
    reply.header('ETag', versionEtag(version));
    return this.render(document, version, q.format ?? preferredFormat(accept), reply);
  }

  @Put()
  @HttpCode(200)
  @ApiOperation({ operationId: 'replaceConfiguration', summary: 'Replace the configuration (a new version), or with ?dryRun=true validate it and list the changes' })
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({ description: 'the whole configuration document (see docs/configuration.md)', schema: { type: 'object' } })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version the document was based on (the ETag of GET): 412 if a newer one was stored' })
  @ApiOkResponse({
    description: '{ applied, version, changes, jobs } (jobs: the recomputes queued when survivorship rules changed) — or, for a dry run, '
      + '{ valid, dryRun, version, changes, impact: { <entityType>: { records, fields, sample } } }; 400 HUB_CONFIG_INVALID lists every error by path',
  })
  @ApiPreconditionFailedResponse({ description: 'CONFIG_VERSION_MISMATCH: the change was based on an older version; nothing stored' })
  async replace(
    @Body() body: unknown,
    @Query() q: ReplaceConfigQueryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const document = typeof body === 'string' ? this.config.parseText(body) : body;
    const dryRun = q.dryRun === 'true';
    const result = await this.config.replace(document, { dryRun, actor, expectedVersion: expectedVersionOf(ifMatch, q.expectedVersion) });
    if (!dryRun) reply.header('ETag', versionEtag(result.version));
    return dryRun
      ? { valid: true, dryRun: true, version: result.version, changes: result.changes, impact: result.impact ?? {} }
      : { applied: result.applied, version: result.version, changes: result.changes, jobs: result.jobs };
  }

  @Get('versions')
  @ApiOperation({ operationId: 'configurationVersions', summary: 'Stored configuration versions, newest first; page with ?after=<pageInfo.endCursor>' })
  @ApiOkResponse({ type: ConfigVersionPage })
  async versions(@Query() q: PageQueryDto): Promise<RestPageShape<ConfigVersionModel>> {
    return toRestPage(await this.config.versions(q.first, q.after));
  }

  @Get('versions/:version')
  @ApiOperation({ operationId: 'configurationVersion', summary: 'A stored version of the document (PUT it back to roll back: that makes a new version)' })
  @ApiProduces('application/json', 'application/yaml')
  async version(
    @Param('version', ParseIntPipe) version: number,
    @Query() q: ExportConfigQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const stored = await this.config.version(version);
    reply.header(CONFIG_VERSION_HEADER, String(stored.version));
    return this.render(stored.document, stored.version, q.format ?? preferredFormat(accept), reply);
  }

  private render(document: unknown, version: number, format: 'json' | 'yaml', reply: FastifyReply): unknown {
    if (format === 'json') return document;
    reply.type('application/yaml; charset=utf-8');
    return `# hub configuration, version ${version}\n${stringify(document, { lineWidth: 0 })}`;
  }
}

/** The Accept header's choice between JSON and YAML; JSON when it names neither (or there is none). */
function preferredFormat(accept: string | undefined): 'json' | 'yaml' {
  const best = new Negotiator({ headers: { accept: accept ?? '*/*' } }).mediaType(['application/json', ...YAML_TYPES]);
  return best !== undefined && YAML_TYPES.includes(best) ? 'yaml' : 'json';
}
