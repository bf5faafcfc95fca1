import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { formatError } from '@pioneer/shared/errors';

/** An in-process subgraph server configured like the real one (error mapping, no traces), started. */
export async function testServer<C extends BaseContext>(schema: GraphQLSchema): Promise<ApolloServer<C>> {
  const server = new ApolloServer<C>({ schema, formatError, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await server.start();
  return server;
}

/** Runs an operation against an in-process subgraph server and returns its single result. */
export async function execute<C extends BaseContext>(
  server: ApolloServer<C>,
  contextValue: C,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: any; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as never;
}

/** POSTs an operation to an HTTP GraphQL endpoint, with a bearer token when given. */
export async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.json() };
}
