import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { useInstead } from '@pioneer/shared/graphql';
import { AUTHENTICATED, officeReader, officeReadScopes, officeWriter, signedIn } from '../../access.js';
import { CatalogueChange } from './catalogue-change.entity.js';
import { EditCourseInput, EditExaminationInput, UpdateCourseInput, UpdateExamComponentInput } from '../examinations/examination.inputs.js';
import type { UniversityContext } from '../../context.js';
import { capitalise, type UniversityProfile } from '../../profile.js';
import { CatalogueService } from './catalogue.service.js';
import { Course, overallWeightOf } from './course.entity.js';
import { ExamComponent } from './exam-component.entity.js';

/**
 * Catalogue queries and edits, named after the university and, in the schema, "course" for all
 * three (`leuvenCourses`, `muensterCourses`, `ttuCourses`; one word per concept, issue 15).
 * Münster's own word, "module", stays in the descriptions its staff read; its 0.1 root fields
 * (`muensterModules`, `muensterModule`, `muensterUpdateModule`) stay as deprecated aliases until 0.3.
 */
export function createCourseResolvers(profile: UniversityProfile): Function[] {
  const name = (s: string) => `${profile.field}${capitalise(s)}`;
  const { singular, plural } = profile.noun;
  const catalogue = (ctx: UniversityContext) => new CatalogueService(ctx.em, ctx.profile);
  const list = (ctx: UniversityContext) => (signedIn(ctx), catalogue(ctx).list());
  const byCode = (code: string, ctx: UniversityContext) => (signedIn(ctx), catalogue(ctx).byCode(code));

  @Resolver(() => Course)
  class CourseResolver {
    @Directive(AUTHENTICATED)
    @Query(() => [Course], { name: name('courses'), description: `The ${plural} of ${profile.name} (§7 (3))` })
    courses(@Ctx() ctx: UniversityContext): Promise<Course[]> {
      return list(ctx);
    }

    @Directive(AUTHENTICATED)
    @Query(() => Course, { name: name('course'), description: `One ${singular} of ${profile.name} by its code` })
    course(@Arg('code', () => String) code: string, @Ctx() ctx: UniversityContext): Promise<Course> {
      return byCode(code, ctx);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Course, { name: name('editCourse'), description: `Edits a ${singular}: title, weight in the overall grade (§16 (4)), with the reason on record (§21)` })
    editCourse(@Arg('input', () => EditCourseInput) input: EditCourseInput, @Ctx() ctx: UniversityContext): Promise<Course> {
      const { courseCode, ...edit } = input;
      return catalogue(ctx).updateCourse(courseCode, edit, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamComponent, { name: name('editExamination'), description: 'Edits one examination: title, weight (§16 (3)), attempts; weight and attempts only before registrations' })
    editExamination(@Arg('input', () => EditExaminationInput) input: EditExaminationInput, @Ctx() ctx: UniversityContext): Promise<ExamComponent> {
      const { courseCode, examinationKey, ...edit } = input;
      return catalogue(ctx).updateComponent(courseCode, examinationKey, edit, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Course, {
      name: name(`update${capitalise(singular)}`),
      description: `Edits a ${singular}: title, weight in the overall grade (§16 (4))`,
      deprecationReason: useInstead(`${name('editCourse')}(input: { courseCode, … })`),
    })
    updateCourse(@Arg('code', () => String) code: string, @Arg('input', () => UpdateCourseInput) input: UpdateCourseInput, @Ctx() ctx: UniversityContext): Promise<Course> {
      return catalogue(ctx).updateCourse(code, input, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamComponent, {
      name: name('updateExamComponent'),
      description: 'Edits one examination: title, weight (§16 (3)), attempts; weight and attempts only before registrations',
      deprecationReason: useInstead(`${name('editExamination')}(input: { courseCode, examinationKey, … })`),
    })
    updateComponent(
      @Arg('courseCode', () => String) courseCode: string,
      @Arg('key', () => String) key: string,
      @Arg('input', () => UpdateExamComponentInput) input: UpdateExamComponentInput,
      @Ctx() ctx: UniversityContext,
    ): Promise<ExamComponent> {
      return catalogue(ctx).updateComponent(courseCode, key, input, officeWriter(ctx).subject);
    }

    @Directive(officeReadScopes(profile))
    @Query(() => [CatalogueChange], { name: name('catalogueChanges'), description: `Every change of one ${singular} and its examinations, with who, when and why (§21)` })
    changes(@Arg('code', () => String) code: string, @Ctx() ctx: UniversityContext): Promise<CatalogueChange[]> {
      officeReader(ctx);
      return catalogue(ctx).changes(code);
    }

    @FieldResolver(() => [ExamComponent], { description: `Examinations and coursework that make up the ${singular} score (§16 (3))` })
    examinations(@Root() course: Course): ExamComponent[] {
      return course.components.getItems();
    }

    @FieldResolver(() => [ExamComponent], { description: `Examinations and coursework that make up the ${singular} score (§16 (3))`, deprecationReason: useInstead('examinations') })
    components(@Root() course: Course): ExamComponent[] {
      return course.components.getItems();
    }

    @FieldResolver(() => Int, { description: `Weight of this ${singular} score in the overall grade (§16 (4)); its credits unless the ${singular} description sets one` })
    overallWeight(@Root() course: Course): number {
      return overallWeightOf(course);
    }
  }
  if (singular === 'course') return [CourseResolver];

  /** The 0.1 root fields named with the university's own noun (Münster: `muensterModules`, `muensterModule`). */
  @Resolver()
  class CourseNounAliasResolver {
    @Directive(AUTHENTICATED)
    @Query(() => [Course], { name: name(plural), description: `The ${plural} of ${profile.name} (§7 (3))`, deprecationReason: useInstead(name('courses')) })
    courses(@Ctx() ctx: UniversityContext): Promise<Course[]> {
      return list(ctx);
    }

    @Directive(AUTHENTICATED)
    @Query(() => Course, { name: name(singular), description: `One ${singular} of ${profile.name} by its code`, deprecationReason: useInstead(`${name('course')}(code:)`) })
    course(@Arg('code', () => String) code: string, @Ctx() ctx: UniversityContext): Promise<Course> {
      return byCode(code, ctx);
    }
  }
  return [CourseResolver, CourseNounAliasResolver];
}
