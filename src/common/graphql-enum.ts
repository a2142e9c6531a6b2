import { registerEnumType } from '@nestjs/graphql';

/** upsert | delete: what a change does to a record, on the way in (events) and out (deliveries). */
export const RECORD_OPERATIONS = ['upsert', 'delete'] as const;

/**
 * Registers a GraphQL enum whose values are exactly the REST API's strings (`auto_resolved` stays `auto_resolved`),
 * so one client can use the same names on both transports. Returns the enum object for `@Field(() => …)`.
 * Every value takes a description: a value added to the list and not described fails to compile.
 */
export function graphqlEnum<const V extends string>(
  values: readonly V[], name: string, description: string, valueDescriptions: Readonly<Record<V, string>>,
): Record<V, V> {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as Record<V, V>;
  const valuesMap = Object.fromEntries(values.map((v) => [v, { description: valueDescriptions[v] }])) as Record<V, { description: string }>;
  registerEnumType(enumObject, { name, description, valuesMap });
  return enumObject;
}

export const RecordOperationEnum = graphqlEnum(RECORD_OPERATIONS, 'RecordOperation', 'What a change does to a record, on the way in (events) and out (deliveries)', {
  upsert: 'create the record, or update it when it exists',
  delete: "the record is gone from the sending system (events) or is to be deleted in the target system (deliveries); the entity type's deletePolicy decides what it does to the golden record",
});
