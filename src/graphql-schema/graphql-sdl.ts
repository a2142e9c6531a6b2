import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { buildClientSchema, type GraphQLSchema, introspectionFromSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AdminModule } from '../admin/admin.module';
import { describeRootTypes } from '../common/graphql-root-types';
import { featureModules } from '../feature-modules';
import { ObservabilityModule } from '../observability/observability.module';

/** The modules app.module.ts imports that can hold resolvers (the rest are infrastructure: logger, TypeORM, schedule). */
export const SCHEMA_ROOT_MODULES: Type[] = [AdminModule, ObservabilityModule, ...featureModules];

const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

/**
 * Every class registered as a provider in the module tree that Nest's GraphQL module would pick up as a resolver,
 * found through the same module metadata Nest reads, so a resolver added to any module is in the schema file too.
 */
export function collectResolvers(roots: readonly unknown[] = SCHEMA_ROOT_MODULES): Type[] {
  const seen = new Set<unknown>();
  const resolvers = new Set<Type>();
  const visit = (entry: unknown) => {
    const mod = (typeof entry === 'object' && entry !== null && 'module' in entry ? (entry).module : entry);
    if (typeof mod !== 'function' || seen.has(mod)) return;
    seen.add(mod);
    const providers = [...((Reflect.getMetadata('providers', mod) as unknown[]) ?? []), ...dynamicPart(entry, 'providers')];
    for (const p of providers) {
      if (typeof p === 'function' && isResolver(p as Type)) resolvers.add(p as Type);
    }
    for (const child of [...((Reflect.getMetadata('imports', mod) as unknown[]) ?? []), ...dynamicPart(entry, 'imports')]) visit(child);
  };
  roots.forEach(visit);
  return [...resolvers];
}

/** The GraphQL schema the hub serves, printed as SDL the way the server sorts it (sortSchema: true). No database. */
export async function buildGraphqlSdl(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(collectResolvers());
    // As the server's transformSchema does (app.module.ts): the root types' descriptions.
    return printSdl(describeRootTypes(schema));
  } finally {
    await app.close();
  }
}

/**
 * Printed through an introspection round trip: the schema a client sees (what the freshness test reads over HTTP)
 * and the one built from the code then print the same text.
 */
export function printSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(buildClientSchema(introspectionFromSchema(schema))))}\n`;
}

/** As Nest's resolver explorer decides: the class, or one of its methods (@Query, @Mutation, @ResolveField), is marked. */
function isResolver(cls: Type): boolean {
  if (Reflect.getMetadata(RESOLVER_TYPE_METADATA, cls) !== undefined) return true;
  const proto = cls.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto).some((name) => {
    const method: unknown = Object.getOwnPropertyDescriptor(proto, name)?.value;
    return typeof method === 'function' && Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) !== undefined;
  });
}

function dynamicPart(entry: unknown, key: 'providers' | 'imports'): unknown[] {
  return typeof entry === 'object' && entry !== null && Array.isArray((entry as Record<string, unknown>)[key])
    ? ((entry as Record<string, unknown>)[key] as unknown[])
    : [];
}
