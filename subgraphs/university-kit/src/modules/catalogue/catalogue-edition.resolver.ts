import { Arg, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { academicYearLabel, parseAcademicYear } from '@pioneer/shared/regulations';
import { AUTHENTICATED, officeWriter, signedIn } from '../../access.js';
import type { UniversityContext } from '../../context.js';
import type { UniversityProfile } from '../../profile.js';
import { CatalogueChange } from './catalogue-change.entity.js';
import { CatalogueEditionService } from './catalogue-edition.service.js';
import { AddExaminationInput, CreateCourseEditionInput, CreateCourseInput, RetireCourseInput } from './catalogue.inputs.js';
import { CatalogueService } from './catalogue.service.js';
import { Course } from './course.entity.js';
import { ExamComponent } from './exam-component.entity.js';

const year = (label: string | null | undefined): number | null => (label == null ? null : parseAcademicYear(label));

/**
 * The catalogue per academic year (docs/catalogue.md "Editions"): reads for anyone signed in,
 * writes for the university's examinations office only.
 */
export function createCatalogueEditionResolver(profile: UniversityProfile) {
  const noun = profile.noun;

  @Resolver(() => Course)
  class CatalogueEditionResolver {
    @FieldResolver(() => String, { description: 'The academic year this edition of the description applies from, e.g. "2025/26"' })
    academicYear(@Root() course: Course): string {
      return academicYearLabel(course.academicYear);
    }

    @Directive(AUTHENTICATED)
    @Query(() => [Course], { name: `${profile.field}Catalogue`, description: `The ${noun.plural} of ${profile.name} as described for an academic year (default: the current one), retired ones with their date` })
    catalogue(@Arg('academicYear', () => String, { nullable: true, description: 'e.g. "2026/27"' }) academicYear: string | null, @Ctx() ctx: UniversityContext): Promise<Course[]> {
      signedIn(ctx);
      const service = new CatalogueService(ctx.em, ctx.profile);
      return service.list(year(academicYear) ?? service.currentYear());
    }

    @Directive(AUTHENTICATED)
    @Query(() => [Course], { name: `${profile.field}CourseEditions`, description: `Every edition of one ${noun.singular}'s description, oldest first` })
    editions(@Arg('courseCode', () => String) courseCode: string, @Ctx() ctx: UniversityContext): Promise<Course[]> {
      signedIn(ctx);
      return new CatalogueService(ctx.em, ctx.profile).editions(courseCode);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Course, { name: `${profile.field}CreateCourse`, description: `A ${noun.singular} new to ${profile.name}'s catalogue, with its examinations, from an academic year on` })
    createCourse(@Arg('input', () => CreateCourseInput) input: CreateCourseInput, @Ctx() ctx: UniversityContext): Promise<Course> {
      const actor = officeWriter(ctx).subject;
      return new CatalogueEditionService(ctx.em, ctx.profile).createCourse({ ...input, academicYear: parseAcademicYear(input.academicYear) }, actor);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Course, { name: `${profile.field}CreateCourseEdition`, description: `A ${noun.singular}'s description from a new academic year on; earlier results keep theirs` })
    createEdition(@Arg('input', () => CreateCourseEditionInput) input: CreateCourseEditionInput, @Ctx() ctx: UniversityContext): Promise<Course> {
      const actor = officeWriter(ctx).subject;
      return new CatalogueEditionService(ctx.em, ctx.profile).createEdition({ ...input, academicYear: parseAcademicYear(input.academicYear) }, actor);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamComponent, { name: `${profile.field}AddExamination`, description: 'A new examination in an edition nobody has registered for yet' })
    addExamination(@Arg('input', () => AddExaminationInput) input: AddExaminationInput, @Ctx() ctx: UniversityContext): Promise<ExamComponent> {
      const actor = officeWriter(ctx).subject;
      return new CatalogueEditionService(ctx.em, ctx.profile).addExamination({ ...input, academicYear: year(input.academicYear) }, actor);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Course, { name: `${profile.field}RetireCourse`, description: `Retires a ${noun.singular}'s edition: no new students from that date; results stay readable` })
    retire(@Arg('input', () => RetireCourseInput) input: RetireCourseInput, @Ctx() ctx: UniversityContext): Promise<Course> {
      const actor = officeWriter(ctx).subject;
      return new CatalogueEditionService(ctx.em, ctx.profile).retire({ ...input, academicYear: year(input.academicYear) }, actor);
    }
  }

  @Resolver(() => CatalogueChange)
  class CatalogueChangeYearResolver {
    @FieldResolver(() => String, { description: 'The edition changed, by its academic year' })
    academicYear(@Root() change: CatalogueChange): string {
      return academicYearLabel(change.academicYear);
    }
  }
  return [CatalogueEditionResolver, CatalogueChangeYearResolver] as const;
}
