import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError, Kind } from 'graphql';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../errors/codes.js';
import { auditScopesOf, pendingIdempotency, replayedRequests } from './audit-scope.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

/**
 * Safe retries (issue 12 item 3, docs/security.md "Safe retries"). A mutation may carry an
 * `Idempotency-Key` header (the IETF httpapi draft's name), which the gateway passes on:
 * - the key is stored in the transaction of the write, so it exists exactly when the write does;
 * - a retry with the same key and the same operation and variables gets the first response and
 *   writes nothing (no new row, no new audit entry);
 * - the same key with another operation or other variables is refused, IDEMPOTENCY_KEY_REUSED;
 * - keys are per caller (the token's subject) and kept IDEMPOTENCY_KEY_TTL_HOURS.
 * A request whose first attempt wrote nothing (refused, failed) is simply carried out again.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;
/** A key stored without its response this recently belongs to a request still answering. */
const ANSWERING_MS = 60_000;
const PURGE_EVERY_MS = 10 * 60_000;

export interface IdempotencyStore {
  find(actor: string, key: string): Promise<{ fingerprint: string; response: unknown; createdAt: Date } | null>;
  saveResponse(actor: string, key: string, response: unknown): Promise<void>;
  purgeExpired(): Promise<void>;
}

export function idempotencyStore(orm: { em: { fork(): EntityManager } }): IdempotencyStore {
  const expiry = () => new Date(Date.now() - IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
  return {
    async find(actor, key) {
      const record = await orm.em.fork().findOne(IdempotencyRecord, { actor, key, createdAt: { $gt: expiry() } });
      return record ? { fingerprint: record.fingerprint, response: record.response, createdAt: record.createdAt } : null;
    },
    async saveResponse(actor, key, response) {
      await orm.em.fork().nativeUpdate(IdempotencyRecord, { actor, key }, { response });
    },
    async purgeExpired() {
      await orm.em.fork().nativeDelete(IdempotencyRecord, { createdAt: { $lte: expiry() } });
    },
  };
}

// Answered 200 with the error in the body, as every other coded error of a subgraph: the gateway
// treats a subgraph's non-2xx answer as the subgraph failing.
function refusal(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLResponse {
  return {
    http: { status: 200, headers: new Map() as never },
    body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code, details } }] } },
  };
}

export function idempotentMutations<C extends BaseContext & { principal: Principal | null }>(store: IdempotencyStore): ApolloServerPlugin<C> {
  let lastPurge = 0;
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_HEADER) ?? null;
      if (key === null) return {};
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation || operation.operation !== 'mutation' || !contextValue.principal) return;
          if (!KEY_PATTERN.test(key)) {
            throw new GraphQLError('Idempotency-Key: 8 to 100 letters, digits or . _ : -', { extensions: { code: ErrorCode.IDEMPOTENCY_KEY_INVALID, http: { status: 400 } } });
          }
          if (operation.selectionSet.selections.length !== 1 || operation.selectionSet.selections[0]!.kind !== Kind.FIELD) {
            throw new GraphQLError('An Idempotency-Key covers one mutation field per request', { extensions: { code: ErrorCode.IDEMPOTENCY_KEY_INVALID, http: { status: 400 } } });
          }
          const fingerprint = createHash('sha256')
            .update(JSON.stringify([request.query ?? '', request.operationName ?? null, request.variables ?? {}]))
            .digest('hex');
          pendingIdempotency.set(contextValue, { key, fingerprint });
        },
        async responseForOperation({ contextValue }) {
          const pending = pendingIdempotency.get(contextValue);
          if (!pending || !contextValue.principal) return null;
          if (Date.now() - lastPurge > PURGE_EVERY_MS) {
            lastPurge = Date.now();
            await store.purgeExpired().catch(() => undefined);
          }
          const first = await store.find(contextValue.principal.subject, pending.key);
          if (!first) return null;
          // Not carried out again: nothing below writes, and the audit scope is never entered.
          pendingIdempotency.delete(contextValue);
          if (first.fingerprint !== pending.fingerprint) {
            return refusal(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for another request; use a new key for a new request');
          }
          if (first.response !== null) {
            replayedRequests.add(contextValue);
            return { http: { status: 200, headers: new Map() as never }, body: { kind: 'single', singleResult: first.response as never } };
          }
          if (Date.now() - first.createdAt.getTime() < ANSWERING_MS) {
            return refusal(ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS, 'The request with this Idempotency-Key is still being answered; retry shortly', { retryable: true });
          }
          return refusal(ErrorCode.IDEMPOTENCY_RESPONSE_LOST, 'The request with this Idempotency-Key was carried out, but its answer was lost; read the current state', {
            carriedOutAt: first.createdAt.toISOString(),
          });
        },
        async willSendResponse({ contextValue, response, operation }) {
          const pending = pendingIdempotency.get(contextValue);
          if (!pending || !contextValue.principal || !operation) return;
          const committed = [...auditScopesOf(contextValue).values()].some((s) => s.committed);
          if (!committed || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          try {
            await store.saveResponse(contextValue.principal.subject, pending.key, { data: data ?? null, ...(errors ? { errors } : {}) });
          } catch (e) {
            // The write stands; a retry is answered IDEMPOTENCY_RESPONSE_LOST instead of the response.
            console.error('[idempotency] could not keep the response', e instanceof Error ? e.message : e);
          }
        },
      };
    },
  };
}
