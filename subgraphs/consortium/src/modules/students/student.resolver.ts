import { Arg, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED, requiresAnyScope } from '@pioneer/shared/federation';
import { SCOPES, UNIVERSITIES } from '@pioneer/shared/auth';
import { cohortReader, personalDataReader, studentVisible } from '../../access.js';
import type { ConsortiumContext } from '../../context.js';
import { Student } from './student.entity.js';
import { StudentService } from './student.service.js';

@ObjectType('StudentPage')
class StudentPage {
  @Field(() => [Student]) items!: Student[];
  @Field(() => Int) total!: number;
}

/** Cohort-wide reads at the gateway: the committee or staff of any university. */
export const COHORT_SCOPES = requiresAnyScope(SCOPES.committee, SCOPES.recordReader, ...UNIVERSITIES.flatMap((u) => [SCOPES.staff(u), SCOPES.office(u)]));

@Resolver(() => Student)
export class StudentResolver {
  /** Personal data (§17 (1) a): not for examiners, nor for anyone but the student among students. */
  @FieldResolver(() => String, { description: 'ISO date (§17 (1) a); for the student, staff and the Academic Committee' })
  dateOfBirth(@Root() student: Student, @Ctx() ctx: ConsortiumContext): string {
    personalDataReader(ctx, student.id);
    return student.dateOfBirth;
  }

  @FieldResolver(() => String, { description: '§17 (1) a; for the student, staff and the Academic Committee' })
  placeOfBirth(@Root() student: Student, @Ctx() ctx: ConsortiumContext): string {
    personalDataReader(ctx, student.id);
    return student.placeOfBirth;
  }

  @Query(() => Student, { description: 'One student, with the joint record when asked for' })
  @Directive(AUTHENTICATED)
  async student(@Arg('id', () => String) id: string, @Ctx() ctx: ConsortiumContext): Promise<Student> {
    await studentVisible(ctx, id);
    return new StudentService(ctx.em).byId(id);
  }

  @Query(() => StudentPage, { description: 'Students, by cohort and name, a page at a time' })
  @Directive(COHORT_SCOPES)
  students(
    @Ctx() ctx: ConsortiumContext,
    @Arg('cohort', () => Int, { nullable: true }) cohort?: number,
    @Arg('ids', () => [String], { nullable: true, description: 'Only these students (at most 500)' }) ids?: string[] | null,
    @Arg('search', () => String, { nullable: true, description: 'Words of the given or family name, ignoring case and accents ("muller" finds "Müller")' }) search?: string | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit = 50,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<StudentPage> {
    cohortReader(ctx);
    return new StudentService(ctx.em).list({ cohort: cohort ?? null, ids: ids ?? null, search: search ?? null, limit, offset });
  }
}
