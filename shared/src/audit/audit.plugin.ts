import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from './audit-entry.entity.js';
import { getArgumentValues, GraphQLError, Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '../auth/principal.js';
import { rolesOf } from '../auth/principal.js';
import { ErrorCode } from '../errors/codes.js';
import { toClientError } from '../errors/format-error.js';
import { auditScopesOf, replayedRequests, sanitizeAuditRow, scopeStudentId, studentIdOf, type AuditRow } from './audit-scope.js';

/** One audit entry as the plugin writes it: the same row the in-transaction writer inserts (audit-scope.ts). */
export type AuditRecord = AuditRow;

/** Argument names that say what a mutation is about, in the order they are reported. */
const TARGET_KEYS = ['studentId', 'thesisId', 'registrationId', 'resultId', 'hearingId', 'courseCode', 'code', 'examinationKey', 'componentKey', 'key', 'jobId', 'attempt', 'fileName', 'academicYear', 'cohort'];

/** The ids among a mutation's arguments (its input object's too), as `name=value` pairs. */
export function auditTarget(args: Record<string, unknown>): string | null {
  const flat: Record<string, unknown> = { ...args };
  for (const value of Object.values(args)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(flat, value);
  }
  const parts = TARGET_KEYS.filter((k) => typeof flat[k] === 'string' || typeof flat[k] === 'number').map((k) => `${k}=${String(flat[k]).slice(0, 80)}`);
  return parts.length ? parts.join(' ').slice(0, 500) : null;
}

/**
 * Records every mutation field a subgraph was asked to run by a verified caller — refused and
 * failed ones too. A field whose write committed has its entry in that very transaction
 * (audit-scope.ts); the others are written here, after the response, through `write` (a
 * rolled-back mutation is still audited), sanitised and bounded.
 */
export function auditMutations<C extends BaseContext & { principal: Principal | null }>(
  service: string,
  write: (entries: AuditRecord[]) => Promise<void>,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, response, schema, request, errors }) {
          if (!operation || operation.operation !== 'mutation') return;
          // Nothing unauthenticated writes audit rows: no verified token, no actor to record
          // (an unsigned request never gets this far: it is refused before its context exists).
          const p = contextValue.principal;
          if (!p || replayedRequests.has(contextValue)) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          // Errors of the whole request: thrown in the pipeline, or answered by a plugin (an Idempotency-Key refusal).
          const requestError = errors?.find((e) => !e.path) ?? body?.errors?.find((e) => !e.path) ?? null;
          const inTransaction = auditScopesOf(contextValue);
          const entries = rootFields(operation, schema, request.variables ?? {})
            // Entries already committed with the write they record.
            .filter(({ responseKey }) => !inTransaction.get(responseKey)?.committed)
            .map(({ responseKey, name, args }) => {
              const fieldError = body?.errors?.find((e) => e.path?.[0] === responseKey);
              const failure = requestError ?? fieldError;
              return sanitizeAuditRow({
                service,
                actor: p.subject,
                actorName: p.name,
                roles: rolesOf(p),
                operation: name,
                // A target the resolver named (an import's SHA-256) over the one read from the arguments.
                target: inTransaction.get(responseKey)?.target ?? auditTarget(args),
                outcome: failure ? codeOf(failure) : 'OK',
                // A refused rectification is still about its student, once the service had found them.
                studentId: inTransaction.has(responseKey) ? scopeStudentId(inTransaction.get(responseKey)) : studentIdOf(args),
              });
            });
          try {
            if (entries.length) await write(entries);
          } catch (e) {
            // The mutation's own outcome stands; a lost audit record is an operational alarm.
            console.error('[audit] could not record', entries, e);
          }
        },
      };
    },
  };
}

function codeOf(error: unknown): string {
  if (error instanceof GraphQLError) return toClientError(error).code;
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.INTERNAL;
}

/** The mutation fields the operation asks for, with their arguments as the subgraph coerced them (or none, if they did not coerce). */
function rootFields(operation: OperationDefinitionNode, schema: GraphQLSchema, variables: Record<string, unknown>) {
  const mutationType = schema.getMutationType();
  return operation.selectionSet.selections.flatMap((s) => {
    const def = s.kind === Kind.FIELD ? mutationType?.getFields()[s.name.value] : undefined;
    if (s.kind !== Kind.FIELD || !def) return [];
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(def, s, variables);
    } catch {
      // Arguments that do not coerce: the attempt is still recorded, without a target.
    }
    return [{ responseKey: s.alias?.value ?? s.name.value, name: s.name.value, args }];
  });
}

/** Audit records go to the subgraph's own database, in a transaction of their own. */
export function auditWriter(orm: { em: { fork(): EntityManager } }): (entries: AuditRecord[]) => Promise<void> {
  return async (entries) => {
    const em = orm.em.fork();
    const at = new Date();
    for (const entry of entries) em.create(AuditEntry, { ...entry, at });
    await em.flush();
  };
}
