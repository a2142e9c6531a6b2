import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';

/** One place that turns a URL into TypeORM options: the app, the migration CLI and tests share it. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    entities: [],
    extra: { max: 20, application_name: 'master-data-hub' },
    ...overrides,
  } as DataSourceOptions;
}
