import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { AUTHENTICATED, officeReader, officeReadScopes, officeWriter } from '../../access.js';
import type { UniversityContext } from '../../context.js';
import type { UniversityProfile } from '../../profile.js';
import { EnrolStudentInput } from '../examinations/examination.inputs.js';
import { Enrolment } from './enrolment.entity.js';
import { EnrolmentService } from './enrolment.service.js';

export function createEnrolmentResolver(profile: UniversityProfile) {
  @Resolver(() => Enrolment)
  class EnrolmentResolver {
    @Directive(officeReadScopes(profile))
    @Query(() => [Enrolment], { name: `${profile.field}Enrolments`, description: `PIONEER students enrolled at ${profile.name}` })
    enrolments(@Ctx() ctx: UniversityContext): Promise<Enrolment[]> {
      officeReader(ctx);
      return new EnrolmentService(ctx.em, ctx.profile).list();
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Enrolment, { name: `${profile.field}EnrolStudent`, description: `Enrols a PIONEER student at ${profile.name} (§4 (1) d)` })
    enrol(@Arg('input', () => EnrolStudentInput) input: EnrolStudentInput, @Ctx() ctx: UniversityContext): Promise<Enrolment> {
      officeWriter(ctx);
      return new EnrolmentService(ctx.em, ctx.profile).enrol(input, ctx.consortium);
    }
  }
  return EnrolmentResolver;
}
