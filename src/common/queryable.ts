/**
 * Anything that runs SQL with positional parameters: a TypeORM DataSource, EntityManager or QueryRunner, or a pg Pool.
 * The caller names the row type it expects (`query<Row[]>`), so no `any` leaves a repository unchecked.
 */
export interface Queryable {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}
