import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED, officeReader, officeReadScopes, officeWriter, signedIn } from '../../access.js';
import { CatalogueChange } from './catalogue-change.entity.js';
import { UpdateCourseInput, UpdateExamComponentInput } from '../examinations/examination.inputs.js';
import type { UniversityContext } from '../../context.js';
import { capitalise, type UniversityProfile } from '../../profile.js';
import { CatalogueService } from './catalogue.service.js';
import { Course, overallWeightOf } from './course.entity.js';
import { ExamComponent } from './exam-component.entity.js';

/**
 * Catalogue queries, named after the university and its own word for a unit of teaching
 * (`leuvenCourses`, `muensterModules`, `ttuCourses`), so the three subgraphs compose side by side.
 */
export function createCourseResolver(profile: UniversityProfile) {
  const plural = `${profile.field}${capitalise(profile.noun.plural)}`;
  const singular = `${profile.field}${capitalise(profile.noun.singular)}`;

  @Resolver(() => Course)
  class CourseResolver {
    @Directive(AUTHENTICATED)
    @Query(() => [Course], { name: plural, description: `The ${profile.noun.plural} of ${profile.name} (§7 (3))` })
    courses(@Ctx() ctx: UniversityContext): Promise<Course[]> {
      signedIn(ctx);
      return new CatalogueService(ctx.em, ctx.profile).list();
    }

    @Directive(AUTHENTICATED)
    @Query(() => Course, { name: singular, description: `One ${profile.noun.singular} of ${profile.name} by its code` })
    course(@Arg('code', () => String) code: string, @Ctx() ctx: UniversityContext): Promise<Course> {
      signedIn(ctx);
      return new CatalogueService(ctx.em, ctx.profile).byCode(code);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Course, { name: `${profile.field}Update${capitalise(profile.noun.singular)}`, description: `Edits a ${profile.noun.singular}: title, weight in the overall grade (§16 (4))` })
    updateCourse(@Arg('code', () => String) code: string, @Arg('input', () => UpdateCourseInput) input: UpdateCourseInput, @Ctx() ctx: UniversityContext): Promise<Course> {
      return new CatalogueService(ctx.em, ctx.profile).updateCourse(code, input, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamComponent, { name: `${profile.field}UpdateExamComponent`, description: 'Edits one examination: title, weight (§16 (3)), attempts; weight and attempts only before registrations' })
    updateComponent(
      @Arg('courseCode', () => String) courseCode: string,
      @Arg('key', () => String) key: string,
      @Arg('input', () => UpdateExamComponentInput) input: UpdateExamComponentInput,
      @Ctx() ctx: UniversityContext,
    ): Promise<ExamComponent> {
      return new CatalogueService(ctx.em, ctx.profile).updateComponent(courseCode, key, input, officeWriter(ctx).subject);
    }

    @Directive(officeReadScopes(profile))
    @Query(() => [CatalogueChange], { name: `${profile.field}CatalogueChanges`, description: `Every change of one ${profile.noun.singular} and its examinations, with who, when and why (§21)` })
    changes(@Arg('code', () => String) code: string, @Ctx() ctx: UniversityContext): Promise<CatalogueChange[]> {
      officeReader(ctx);
      return new CatalogueService(ctx.em, ctx.profile).changes(code);
    }

    @FieldResolver(() => [ExamComponent], { description: 'Examinations and coursework that make up the course score (§16 (3))' })
    components(@Root() course: Course): ExamComponent[] {
      return course.components.getItems();
    }

    @FieldResolver(() => Int, { description: 'Weight of this course score in the overall grade (§16 (4)); its credits unless the course description sets one' })
    overallWeight(@Root() course: Course): number {
      return overallWeightOf(course);
    }
  }
  return CourseResolver;
}
