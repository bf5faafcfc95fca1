import 'reflect-metadata';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { assertPrintableArguments } from '../errors/input.js';

/**
 * Every string argument of every operation is printable Unicode of bounded length before any
 * resolver runs (issue 11: control characters in a course title made an issued Diploma
 * Supplement's XML invalid). One rule for every input type; fields with tighter bounds add theirs.
 *
 * Applied by wrapping only the fields that take arguments, synchronously. As a type-graphql
 * global middleware it wrapped every field of every type, so each plain property read became a
 * chain of promises: for a page of 500 student records that was most of a university's CPU
 * (issue 16; docs/benchmarks.md).
 */
function withPrintableArguments(schema: GraphQLSchema, resolvers: Record<string, Record<string, unknown>>): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const typeResolvers = resolvers[type.name];
    if (!typeResolvers) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = typeResolvers[field.name];
      if (field.args.length === 0 || typeof resolve !== 'function') continue;
      const inner = resolve as GraphQLFieldResolver<unknown, unknown>;
      typeResolvers[field.name] = ((root, args, context, info) => {
        if (args && Object.keys(args).length) assertPrintableArguments(args, '');
        return inner(root, args, context, info);
      }) satisfies GraphQLFieldResolver<unknown, unknown>;
    }
  }
}

/** Federation 2 directives every subgraph may use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@authenticated", "@requiresScopes"])`;

/**
 * The gateway enforces these before any subgraph is called (Hive Gateway, generic auth in
 * protect-granular mode); the subgraphs check again (defence in depth).
 */
export const AUTHENTICATED = '@authenticated';

/** Any one of the scopes suffices (each is its own alternative). */
export function requiresAnyScope(...scopes: string[]): string {
  return `@requiresScopes(scopes: [${scopes.map((s) => `["${s}"]`).join(', ')}])`;
}

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

export interface SubgraphSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
}

/**
 * The one way every subgraph builds its schema: type-graphql builds the types and resolvers,
 * the schema is printed with its federation directives, and @apollo/subgraph turns it into a
 * Federation 2 subgraph (adds `_entities`/`_service`) with the `__resolveReference` functions.
 */
export async function buildFederatedSubgraphSchema(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    // Subgraphs may legitimately have no Query type of their own; apollo/subgraph validates instead.
    skipCheck: true,
    validate: false,
  });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  withPrintableArguments(schema, resolvers);
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }]);
}
