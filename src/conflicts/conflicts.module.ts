import { Module } from '@nestjs/common';
import { ConflictQueryService } from './conflict-query.service';
import { ConflictResolver } from './conflict.resolver';
import { ConflictsController } from './conflicts.controller';

/** Conflict reads (GraphQL + REST). Steward actions on conflicts belong here too. */
@Module({
  controllers: [ConflictsController],
  providers: [ConflictQueryService, ConflictResolver],
  exports: [ConflictQueryService],
})
export class ConflictsModule {}
