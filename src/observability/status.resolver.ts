import { Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../admin/auth/auth.decorators';
import { StatusReportModel } from './status.model';
import { StatusService } from './status.service';

/** GraphQL twin of StatusController. */
@Resolver()
export class StatusResolver {
  constructor(private readonly service: StatusService) {}

  @Query(() => StatusReportModel, { description: 'Operational status per system: last sync, errors, queues, open conflicts, execution time; hub totals (docs/operations.md). Errors: STATUS_UNAVAILABLE.' })
  @RequireRole('viewer')
  status(): Promise<StatusReportModel> {
    return this.service.report();
  }
}
