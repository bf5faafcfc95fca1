import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Directive, InputType, Field, Int, Query, Resolver } from 'type-graphql';
import type { Principal } from '../auth/principal.js';
import { isCommittee } from '../auth/policy.js';
import { requireAccess } from '../auth/guard.js';
import { SCOPES } from '../auth/principal.js';
import { checkPage } from '../errors/input.js';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/codes.js';
import { requiresAnyScope } from '../federation/build-subgraph-schema.js';
import { isUuid } from '../federation/ids.js';
import { AuditEntry, AuditPage } from './audit-entry.entity.js';

@InputType('AuditFilter')
export class AuditFilter {
  @Field(() => String, { nullable: true, description: "Only this actor (the token's subject)" }) actor?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this mutation field' }) operation?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this outcome: OK or an error code' }) outcome?: string | null;
  @Field(() => String, { nullable: true, description: 'Only entries at or after this ISO timestamp' }) since?: string | null;
  @Field(() => String, { nullable: true, description: "Only entries about this student's record (their results, registrations, thesis, decisions, documents)" }) studentId?: string | null;
}

/**
 * `<prefix>AuditTrail`: the Academic Committee reads the audit trail of each subgraph, newest
 * first. Made per subgraph (a factory) so each subgraph's root field has its own name.
 */
export function createAuditResolver(prefix: string) {
  @Resolver()
  class AuditResolver {
    @Query(() => AuditPage, { name: `${prefix}AuditTrail`, description: `Every attempted mutation received by the ${prefix} subgraph, newest first (Academic Committee only)` })
    @Directive(requiresAnyScope(SCOPES.committee))
    async auditTrail(
      @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
      @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
      @Arg('limit', () => Int, { defaultValue: 100 }) limit: number,
      @Ctx() ctx: { em: EntityManager; principal: Principal | null },
    ): Promise<AuditPage> {
      requireAccess(ctx.principal, isCommittee, 'the audit trail is for the Academic Committee');
      checkPage(limit, offset);
      const where: Record<string, unknown> = {};
      if (filter?.actor) where.actor = filter.actor;
      if (filter?.operation) where.operation = filter.operation;
      if (filter?.outcome) where.outcome = filter.outcome;
      if (filter?.studentId) {
        if (!isUuid(filter.studentId)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'studentId is a student id (UUID)', { studentId: String(filter.studentId).slice(0, 40) });
        where.studentId = filter.studentId.toLowerCase();
      }
      if (filter?.since) {
        const since = new Date(filter.since);
        if (Number.isNaN(since.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(filter.since)) {
          throw new DomainError(ErrorCode.INVALID_DATE, 'since must be an ISO date or timestamp', { since: filter.since.slice(0, 40) });
        }
        where.at = { $gte: since };
      }
      const [items, total] = await ctx.em.findAndCount(AuditEntry, where, { orderBy: { at: 'desc', id: 'asc' }, offset, limit });
      return { items, total };
    }
  }
  return AuditResolver;
}
