import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { preparingPg } from './prepared-statements';

/**
 * One place that turns a URL into TypeORM options: the app, the migration CLI and tests share it. `prepared`:
 * the pool names parameterised statements (database/prepared-statements.ts).
 */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}, prepared = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    ...(prepared ? { driver: preparingPg } : {}),
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    entities: [],
    extra: { max: 20, application_name: 'master-data-hub' },
    ...overrides,
  } as DataSourceOptions;
}
