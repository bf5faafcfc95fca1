import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { canReadUniversityOffice, isStudentSelf, requireAccess, requirePrincipal } from '@pioneer/shared/auth';
import { academicYearOf, semesterYearOffset } from '@pioneer/shared/regulations';
import { AUTHENTICATED, officeReader, officeReadScopes } from '../../access.js';
import type { UniversityContext } from '../../context.js';
import type { UniversityProfile } from '../../profile.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import { Registration } from '../examinations/registration.entity.js';
import { LookupService, enrolmentStatus } from './lookup.service.js';
import { EnrolmentPage, EnrolmentSearchInput, EnrolmentStatus, SessionRegistrationsInput } from './lookup.types.js';

/**
 * Lookups of the office (issue 15 item 4). A student by this university's number answers the
 * federated Student, so the gateway brings the name (consortium) and every university's record
 * from their own subgraphs: no subgraph reads another's database.
 */
export function createLookupResolver(profile: UniversityProfile, Student: ClassType<{ id: string }>) {
  @Resolver(() => Enrolment)
  class LookupResolver {
    @Directive(AUTHENTICATED)
    @Query(() => Student, { name: `${profile.field}StudentByNumber`, description: `A student by ${profile.name}'s student number: its staff and the Academic Committee, a student only their own` })
    async studentByNumber(@Arg('studentNumber', () => String) studentNumber: string, @Ctx() ctx: UniversityContext): Promise<{ id: string }> {
      const service = new LookupService(ctx.em, ctx.profile);
      const p = requirePrincipal(ctx.principal);
      if (canReadUniversityOffice(p, profile.field)) return { id: (await service.byStudentNumber(studentNumber)).studentId };
      // Anyone else — a student — may look up only their own number, and learns nothing of others':
      // an unknown number and another's answer alike.
      const enrolment = await service.findByStudentNumber(studentNumber);
      const own = enrolment !== null && isStudentSelf(p, enrolment.studentId) ? enrolment : null;
      requireAccess(p, () => own !== null, `a lookup by ${profile.name}'s student number is for its staff, the Academic Committee and the student themself`);
      return { id: own!.studentId };
    }

    @Directive(officeReadScopes(profile))
    @Query(() => EnrolmentPage, { name: `${profile.field}EnrolmentSearch`, description: `Enrolments at ${profile.name} by student number, intake and standing, a page at a time` })
    async search(@Arg('input', () => EnrolmentSearchInput) input: EnrolmentSearchInput, @Ctx() ctx: UniversityContext): Promise<EnrolmentPage> {
      officeReader(ctx);
      return new LookupService(ctx.em, ctx.profile).searchEnrolments(input, async (ids) => {
        const records = await ctx.loaders.records.loadMany(ids);
        return records.map((r) => {
          if (r instanceof Error) throw r;
          return r;
        });
      });
    }

    @Directive(officeReadScopes(profile))
    @Query(() => [Registration], { name: `${profile.field}SessionRegistrations`, description: 'The registrations of one examination session (examination, attempt, date), each with its result' })
    session(@Arg('input', () => SessionRegistrationsInput) input: SessionRegistrationsInput, @Ctx() ctx: UniversityContext): Promise<Registration[]> {
      officeReader(ctx);
      return new LookupService(ctx.em, ctx.profile).sessionRegistrations(input);
    }

    @FieldResolver(() => Int, { description: 'Intake year, from the enrolment date and the semester this university teaches (§7 (1))' })
    intake(@Root() enrolment: Enrolment, @Ctx() ctx: UniversityContext): number {
      // ctx, not the closure: Enrolment is one class shared by the three universities' schemas.
      return academicYearOf(enrolment.enrolledOn) - semesterYearOffset(ctx.profile.semester);
    }

    @FieldResolver(() => EnrolmentStatus, { description: "The student's standing here (§8 (2), §15 (4)), from their record" })
    async status(@Root() enrolment: Enrolment, @Ctx() ctx: UniversityContext): Promise<EnrolmentStatus> {
      return enrolmentStatus(await ctx.loaders.records.load(enrolment.studentId));
    }
  }
  return LookupResolver;
}
