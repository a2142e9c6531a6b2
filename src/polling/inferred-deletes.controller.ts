import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../admin/auth/actor';
import { CurrentActor, RequireRole } from '../admin/auth/auth.decorators';
import { toRestPage } from '../common/connection';
import { idParamPipe } from '../common/id-param.pipe';
import { InferredDeleteService } from './inferred-delete.service';
import { ListInferredDeletesQueryDto } from './polling.dto';
import { InferredDeleteModel, InferredDeletePageModel } from './sync-run.model';

/** The review queue of deletes inferred by reconciliation (policy `review`). */
@ApiTags('sync')
@ApiBearerAuth()
@Controller('api/inferred-deletes')
export class InferredDeletesController {
  constructor(private readonly inferred: InferredDeleteService) {}

  @Get()
  @ApiOperation({ operationId: 'inferredDeletes', summary: 'Inferred deletes, newest first; filter by status (pending for the review queue)' })
  @ApiOkResponse({ type: InferredDeletePageModel })
  async list(@Query() q: ListInferredDeletesQueryDto): Promise<InferredDeletePageModel> {
    return toRestPage(await this.inferred.list(q));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'inferredDelete', summary: 'One inferred delete: the record reconciliation found missing in the system, and its decision' })
  @ApiOkResponse({ type: InferredDeleteModel })
  @ApiNotFoundResponse({ description: 'INFERRED_DELETE_NOT_FOUND' })
  get(@Param('id', idParamPipe('inferred delete')) id: string): Promise<InferredDeleteModel> {
    return this.inferred.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'approveInferredDelete', summary: 'Delete the golden record as the system did: checks the record is still gone, then queues the delete' })
  @ApiOkResponse({ type: InferredDeleteModel })
  @ApiConflictResponse({ description: 'INFERRED_DELETE_DECIDED, INFERRED_DELETE_OBSOLETE (the system has the record again)' })
  approve(@Param('id', idParamPipe('inferred delete')) id: string, @CurrentActor() actor: Actor): Promise<InferredDeleteModel> {
    return this.inferred.approve(id, actor);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @RequireRole('steward')
  @ApiOperation({ operationId: 'dismissInferredDelete', summary: 'Keep the golden record; later reconciliations do not raise this record again' })
  @ApiOkResponse({ type: InferredDeleteModel })
  @ApiConflictResponse({ description: 'INFERRED_DELETE_DECIDED' })
  dismiss(@Param('id', idParamPipe('inferred delete')) id: string, @CurrentActor() actor: Actor): Promise<InferredDeleteModel> {
    return this.inferred.dismiss(id, actor);
  }
}
