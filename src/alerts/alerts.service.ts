import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/page-cursor';
import { listAlerts } from './alerts.repository';
import type { AlertRule, AlertStatus, AlertView } from './domain/alert-rules';

export interface AlertFilter {
  status?: AlertStatus | null;
  rule?: AlertRule | null;
}

/** Reads alerts for the API (REST and GraphQL) and the status page; evaluation is AlertEvaluatorService's. */
@Injectable()
export class AlertsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; page with `after` = the previous page's endCursor. */
  list(filter: AlertFilter, first?: number | null, after?: string | null): Promise<Page<AlertView>> {
    return listAlerts(this.dataSource.manager, filter, first, after);
  }
}
