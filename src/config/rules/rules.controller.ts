import { Body, Controller, Get, Headers, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../admin/auth/actor';
import { CurrentActor, RequireRole } from '../../admin/auth/auth.decorators';
import { ValidationError } from '../../common/domain-error';
import { expectedVersionOf, versionEtag } from '../config-precondition';
import { EntityRulesResponse, PutEntityRulesDto, PutEntityRulesQueryDto } from './rules.dto';
import { RulesService } from './rules.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('api/entity-types/:entityType/rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ operationId: 'entityTypeRules', summary: 'Survivorship rules of an entity type: precedence, field precedence, strategies; ETag = configuration version' })
  @ApiOkResponse({ type: EntityRulesResponse })
  @ApiNotFoundResponse({ description: 'ENTITY_TYPE_UNKNOWN' })
  get(@Param('entityType') entityType: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = this.rules.get(entityType);
    reply.header('ETag', versionEtag(view.configVersion));
    return view;
  }

  @Put()
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'setEntityTypeRules',
    summary: 'Change the rules (a new configuration version; golden records are recomputed by a job), or with ?dryRun=true see which records would change',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the configVersion (ETag) the rules were read at: 412 if a newer version was stored' })
  @ApiOkResponse({
    description: 'the rules now in force with { applied, changes, jobs } — or, for a dry run, { dryRun, valid, entityType, configVersion, changes, '
      + 'impact: { rulesChanged, records, fields, sample } }',
  })
  @ApiBadRequestResponse({ description: 'RULES_INVALID: details name each field (precedence.1: unknown system "X", fieldStrategies.foo: unknown field …)' })
  @ApiPreconditionFailedResponse({ description: 'CONFIG_VERSION_MISMATCH: the rules were read at an older version; nothing stored' })
  @ApiNotFoundResponse({ description: 'ENTITY_TYPE_UNKNOWN' })
  async set(
    @Param('entityType') entityType: string,
    @Body() body: PutEntityRulesDto,
    @Query() q: PutEntityRulesQueryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (body.entityType !== undefined && body.entityType !== entityType) {
      throw new ValidationError('RULES_INVALID', `the body is about ${body.entityType}, the path about ${entityType}`, [
        { path: 'entityType', message: `must be ${entityType} (the path's entity type)`, value: body.entityType },
      ]);
    }
    const { precedence, fieldPrecedence, strategy, fieldStrategies } = body;
    const result = await this.rules.set(entityType, { precedence, fieldPrecedence, strategy, fieldStrategies }, {
      dryRun: q.dryRun === 'true', actor, expectedVersion: expectedVersionOf(ifMatch, body.expectedVersion),
    });
    if (!('dryRun' in result)) reply.header('ETag', versionEtag(result.configVersion));
    return result;
  }
}
