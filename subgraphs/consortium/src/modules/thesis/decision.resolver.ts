import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { ConsortiumContext } from '../../context.js';
import { Student } from '../students/student.entity.js';
import { CommitteeDecision, Hearing } from './committee-decision.entity.js';
import { DecisionService } from './decision.service.js';
import { Thesis } from './thesis.entity.js';

@InputType('HearingInput', { description: '§20 (3), §21 (5)' })
class HearingInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) subject!: string;
  @Field(() => String) heldOn!: string;
  @Field(() => String) statement!: string;
}

@InputType('ExclusionInput', { description: '§20 (1), (2)' })
class ExclusionInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) decidedOn!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { description: 'The hearing that preceded the decision' }) hearingId!: string;
}

@InputType('DefenceExtensionInput', { description: '§10 (8)' })
class DefenceExtensionInput {
  @Field(() => Int) weeks!: number;
  @Field(() => String) decidedOn!: string;
  @Field(() => String) reason!: string;
}

@Resolver(() => Student)
export class DecisionResolver {
  @Mutation(() => Hearing, { description: "Records the student's hearing before an adverse decision (§20 (3), §21 (5))" })
  recordHearing(@Arg('input', () => HearingInput) input: HearingInput, @Ctx() ctx: ConsortiumContext): Promise<Hearing> {
    return new DecisionService(ctx.em).recordHearing(input);
  }

  @Mutation(() => CommitteeDecision, { description: "Excludes a student from the master's examination, which is then permanently failed (§20); only after a hearing" })
  excludeStudent(@Arg('input', () => ExclusionInput) input: ExclusionInput, @Ctx() ctx: ConsortiumContext): Promise<CommitteeDecision> {
    return new DecisionService(ctx.em).exclude(input);
  }

  @Mutation(() => Thesis, { description: 'Extends the eight-week defence period by up to four weeks (§10 (8))' })
  extendDefencePeriod(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => DefenceExtensionInput) input: DefenceExtensionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return new DecisionService(ctx.em).extendDefencePeriod(thesisId, input);
  }

  @FieldResolver(() => [CommitteeDecision], { description: 'Academic Committee decisions about this student, with their reasons' })
  decisions(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<CommitteeDecision[]> {
    return ctx.loaders.decisions.load(student.id);
  }
}
