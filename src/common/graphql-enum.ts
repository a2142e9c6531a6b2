import { registerEnumType } from '@nestjs/graphql';

/**
 * Registers a GraphQL enum whose values are exactly the REST API's strings (`auto_resolved` stays `auto_resolved`),
 * so one client can use the same names on both transports. Returns the enum object for `@Field(() => …)`.
 */
/** upsert | delete: what a change does to a record, on the way in (events) and out (deliveries). */
export const RECORD_OPERATIONS = ['upsert', 'delete'] as const;

export function graphqlEnum<const V extends string>(values: readonly V[], name: string, description?: string): Record<V, V> {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as Record<V, V>;
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

export const RecordOperationEnum = graphqlEnum(RECORD_OPERATIONS, 'RecordOperation', 'upsert: create or update; delete: remove');
