import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import type { Principal } from '../auth/principal.js';
import { rolesOf } from '../auth/principal.js';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/codes.js';
import { isUuid } from '../federation/ids.js';

/**
 * Audit in the write's own transaction (issue 11 item 7): each mutation root field runs inside an
 * audit scope (AsyncLocalStorage), and a MikroORM subscriber adds the audit row to the first
 * transaction of that field that writes, just before it commits. An acknowledged write therefore
 * always has its entry, and a write whose commit fails leaves none. Attempts that commit nothing
 * (refused, failed) are recorded by the audit plugin after the response.
 */
export interface AuditScope {
  service: string;
  principal: Principal;
  operation: string;
  target: string | null;
  /**
   * The student whose record the write is about (issue 14: the student page's audit), from the
   * arguments or, where they name a result, registration or thesis instead, set by the service
   * once it has found the student (`auditStudent`).
   */
  studentId?: string | null;
  /** A flush with changes happened in the current transaction. */
  wrote: boolean;
  /** The entry went into a transaction that committed: nothing to add after the response. */
  committed: boolean;
  /** Extra statements for the same transaction (the idempotency record), run before the audit row. */
  inTransaction: ((execute: (sql: string, params: unknown[]) => Promise<unknown>) => Promise<void>)[];
}

export const auditScopes = new AsyncLocalStorage<AuditScope>();
const SCOPED = Symbol('audit-scoped');

/** Requests answered with the stored first response of their Idempotency-Key: nothing new to audit. */
export const replayedRequests = new WeakSet<object>();

/** Per request context: the Idempotency-Key it carries and the fingerprint of its operation (idempotency.plugin.ts). */
export const pendingIdempotency = new WeakMap<object, { key: string; fingerprint: string }>();

const INSERT_IDEMPOTENCY_SQL = 'insert into idempotency_key (id, actor, key, fingerprint, operation, created_at, response) values (?, ?, ?, ?, ?, now(), null)';

/** Per request context: the scopes of its mutation root fields, by response key. */
const scopesByContext = new WeakMap<object, Map<string, AuditScope>>();

export function auditScopesOf(context: object): ReadonlyMap<string, AuditScope> {
  return scopesByContext.get(context) ?? new Map();
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Audit text: printable, well-formed, bounded (a NUL byte once made the insert fail). */
export function sanitizeAuditText(value: string, max: number): string {
  return value.slice(0, max).replace(CONTROL, '\uFFFD');
}

export interface AuditRow {
  service: string;
  actor: string;
  actorName: string;
  roles: string;
  operation: string;
  target: string | null;
  outcome: string;
  /** The student the entry is about, when it is about one student's record. */
  studentId?: string | null;
}

/** The student named among a mutation's arguments (or its input object's), when it is a valid id. */
export function studentIdOf(args: Record<string, unknown>): string | null {
  if (isUuid(args.studentId)) return args.studentId.toLowerCase();
  for (const value of Object.values(args)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && isUuid((value as { studentId?: unknown }).studentId)) return ((value as { studentId: string }).studentId).toLowerCase();
  }
  return null;
}

/**
 * Names the student the running mutation is about, for its audit entry, when its arguments did
 * not (a rectification names the result, a thesis step the thesis). Outside a mutation's audit
 * scope it does nothing. A mutation that turns out to touch several students' records is about
 * none of them in particular: its entry carries no student.
 */
export function auditStudent(studentId: string): void {
  const scope = auditScopes.getStore();
  if (!scope || !isUuid(studentId) || scope.studentId === MANY_STUDENTS) return;
  const id = studentId.toLowerCase();
  if (!scope.studentId) scope.studentId = id;
  else if (scope.studentId !== id) scope.studentId = MANY_STUDENTS;
}

/** Marks a scope whose mutation wrote several students' records (no student id is stored then). */
const MANY_STUDENTS = 'many';

/** The student id an entry of this scope carries. */
export function scopeStudentId(scope: AuditScope | undefined): string | null {
  return scope?.studentId && scope.studentId !== MANY_STUDENTS ? scope.studentId : null;
}

/** The bounds of the audit_entry columns (audit-entry.entity.ts). */
export function sanitizeAuditRow(row: AuditRow): AuditRow {
  return {
    service: sanitizeAuditText(row.service, 64),
    actor: sanitizeAuditText(row.actor, 200),
    actorName: sanitizeAuditText(row.actorName, 200),
    roles: sanitizeAuditText(row.roles, 300),
    operation: sanitizeAuditText(row.operation, 100),
    target: row.target === null ? null : sanitizeAuditText(row.target, 500),
    outcome: sanitizeAuditText(row.outcome, 64),
    studentId: isUuid(row.studentId) ? row.studentId : null,
  };
}

export const INSERT_AUDIT_SQL = 'insert into audit_entry (id, at, service, actor, actor_name, roles, operation, target, outcome, student_id) values (?, now(), ?, ?, ?, ?, ?, ?, ?, ?)';

export function auditInsertParams(row: AuditRow): unknown[] {
  const r = sanitizeAuditRow(row);
  return [randomUUID(), r.service, r.actor, r.actorName, r.roles, r.operation, r.target, r.outcome, r.studentId ?? null];
}

/**
 * Runs every mutation root field of `schema` inside an audit scope, for callers with a verified
 * token (the signature was checked before the context was made). `targetOf` says what the field
 * is about, from its coerced arguments.
 */
export function runMutationsInAuditScope(schema: GraphQLSchema, service: string, targetOf: (args: Record<string, unknown>) => string | null): void {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve = field.resolve;
    // Once per schema, even when one schema is served twice (tests).
    if (!resolve || (resolve as { [SCOPED]?: true })[SCOPED]) continue;
    field.resolve = (source, args, context: { principal?: Principal | null }, info) => {
      const principal = context?.principal;
      if (!principal || info.path.prev !== undefined) return resolve(source, args, context, info);
      const scope: AuditScope = { service, principal, operation: field.name, target: targetOf(args), studentId: studentIdOf(args), wrote: false, committed: false, inTransaction: [] };
      const idempotency = pendingIdempotency.get(context);
      if (idempotency) {
        // The key is stored with the write: a retry finds it exactly when the write committed.
        // A concurrent request with the same key waits on the unique index, then fails here.
        scope.inTransaction.push(async (execute) => {
          await execute(INSERT_IDEMPOTENCY_SQL, [randomUUID(), principal.subject, idempotency.key, idempotency.fingerprint, field.name]).catch((e: { code?: string }) => {
            if (e?.code === '23505') throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS, 'A request with this Idempotency-Key was carried out meanwhile; retry to get its answer', { retryable: true });
            throw e;
          });
        });
      }
      let scopes = scopesByContext.get(context);
      if (!scopes) scopesByContext.set(context, (scopes = new Map()));
      scopes.set(String(info.path.key), scope);
      return auditScopes.run(scope, () => resolve(source, args, context, info));
    };
    (field.resolve as { [SCOPED]?: true })[SCOPED] = true;
  }
}

/**
 * What the current mutation is about, when its arguments do not say it (an import names its
 * file's SHA-256, not the file): its audit entry carries this target, committed or not.
 */
export function setAuditTarget(target: string): void {
  const scope = auditScopes.getStore();
  if (scope) scope.target = target;
}

/**
 * For writes made with set-based SQL instead of the unit of work (examination sessions): the
 * current mutation's transaction wrote, so its audit entry goes into it. Returns the rows of
 * further entries in the caller's name — one per item written, e.g. per recorded result, so each
 * student's results can be found in the trail — for the caller to insert in the same
 * transaction; none outside a scope.
 */
export function noteSetBasedWrite(items: readonly { target: string; studentId: string | null }[]): AuditRow[] {
  const scope = auditScopes.getStore();
  if (!scope) return [];
  scope.wrote = true;
  const p = scope.principal;
  // Each item's entry names its student (issue 14: the audit of one student); the session's own entry names many.
  for (const item of items) if (item.studentId) auditStudent(item.studentId);
  return items.map((i) => sanitizeAuditRow({ service: scope.service, actor: p.subject, actorName: p.name, roles: rolesOf(p), operation: scope.operation, target: i.target, outcome: 'OK', studentId: i.studentId }));
}

/** Adds the audit row (and the scope's other statements) to the transaction of the write it records. */
export class AuditInTransaction implements EventSubscriber {
  async onFlush(args: FlushEventArgs): Promise<void> {
    const scope = auditScopes.getStore();
    if (scope && args.uow.getChangeSets().length > 0) scope.wrote = true;
  }

  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const scope = auditScopes.getStore();
    if (!scope || scope.committed || !scope.wrote) return;
    const connection = args.em.getConnection();
    const execute = (sql: string, params: unknown[]) => connection.execute(sql, params as never[], 'run', args.transaction);
    for (const statement of scope.inTransaction) await statement(execute);
    const p = scope.principal;
    await execute(INSERT_AUDIT_SQL, auditInsertParams({ service: scope.service, actor: p.subject, actorName: p.name, roles: rolesOf(p), operation: scope.operation, target: scope.target, outcome: 'OK', studentId: scopeStudentId(scope) }));
  }

  async afterTransactionCommit(): Promise<void> {
    const scope = auditScopes.getStore();
    if (scope?.wrote) scope.committed = true;
  }

  async afterTransactionRollback(): Promise<void> {
    const scope = auditScopes.getStore();
    if (scope && !scope.committed) scope.wrote = false;
  }
}
