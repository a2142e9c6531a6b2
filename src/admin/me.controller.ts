import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from './auth/actor';
import { ApiKeyService } from './auth/api-key.service';
import { CurrentActor } from './auth/auth.decorators';
import { CallerModel } from './caller.model';

/** Any valid key may ask who it is: clients (the console) show or hide actions by the role. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  @ApiOperation({ operationId: 'me', summary: "The calling key's name and role" })
  @ApiOkResponse({ type: CallerModel })
  me(@CurrentActor() actor: Actor): Promise<CallerModel> {
    return this.keys.describe(actor);
  }
}
