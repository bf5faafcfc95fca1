import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import { cohortReader } from '../../access.js';
import { COHORT_SCOPES } from '../students/student.resolver.js';
import type { ConsortiumContext } from '../../context.js';
import { StudentStatus } from '../progression/progression.types.js';
import { DashboardFlag, DashboardPage } from './dashboard.types.js';
import { DashboardService } from './dashboard.service.js';

@Resolver(() => DashboardPage)
export class DashboardResolver {
  @Directive(COHORT_SCOPES)
  @Query(() => DashboardPage, { description: "A cohort's students with status, credits, overall grade and flags, filtered and paged" })
  cohortDashboard(
    @Arg('cohort', () => Int) cohort: number,
    @Ctx() ctx: ConsortiumContext,
    @Arg('status', () => StudentStatus, { nullable: true }) status?: StudentStatus | null,
    @Arg('flag', () => DashboardFlag, { nullable: true }) flag?: DashboardFlag | null,
    @Arg('dueWithinDays', () => Int, { defaultValue: 30 }) dueWithinDays = 30,
    @Arg('asOf', () => String, { nullable: true, description: 'The date deadlines are counted from; today (UTC) by default' }) asOf?: string | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit = 50,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
    @Arg('snapshot', () => String, { nullable: true, description: 'The `snapshot` of an earlier page of the same filtered dashboard' }) snapshot?: string | null,
  ): Promise<DashboardPage> {
    cohortReader(ctx);
    return new DashboardService(ctx.em, ctx.federation, ctx.dashboardSnapshots).cohort({
      cohort,
      status: status ?? null,
      flag: flag ?? null,
      dueWithinDays,
      asOf: asOf ?? new Date().toISOString().slice(0, 10),
      limit,
      offset,
      snapshot: snapshot ?? null,
    });
  }
}
