import { Arg, Ctx, Directive, Field, FieldResolver, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED } from '@pioneer/shared/federation';
import { committeeMember, recordReader } from '../../access.js';
import type { ConsortiumContext } from '../../context.js';
import { University, useInstead } from '@pioneer/shared/graphql';
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

/** The fields of a decision about one course of one student (inherited). */
@InputType('CourseDecisionInput', { description: 'A decision about one course of one student' })
abstract class CourseDecisionInput {
  @Field(() => String) studentId!: string;
  @Field(() => University) university!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String) decidedOn!: string;
  @Field(() => String) reason!: string;
}

@InputType('RecognitionSourceInput', { description: '§13 (2): the ELMO file (importElmo) and the learning opportunities of it a recognition rests on' })
class RecognitionSourceInput {
  @Field(() => String) elmoImportId!: string;
  @Field(() => [String], { description: 'Their keys in the file (ElmoLearningOpportunity.key)' }) learningOpportunityKeys!: string[];
}

@InputType('RecognitionDecisionInput', { description: '§13 (3)' })
class RecognitionDecisionInput extends CourseDecisionInput {
  @Field(() => RecognitionSourceInput, { nullable: true, description: 'When the prior learning came as an ELMO file: which file and which of its learning opportunities' })
  source?: RecognitionSourceInput | null;
}

@InputType('PlagiarismDecisionInput', { description: '§20 (2)' })
class PlagiarismDecisionInput extends CourseDecisionInput {
  @Field(() => String) hearingId!: string;
}

@InputType('DeceptionDecisionInput', { description: '§20 (1)' })
class DeceptionDecisionInput {
  @Field(() => String) decidedOn!: string;
  @Field(() => String) reason!: string;
  @Field(() => String) hearingId!: string;
}

@InputType('FailThesisAttemptForDeceptionInput', { description: '§20 (1): the thesis attempt failed for deception or plagiarism, after a hearing' })
class FailThesisAttemptForDeceptionInput extends DeceptionDecisionInput {
  @Field(() => String) thesisId!: string;
}

@InputType('ExtendThesisDefencePeriodInput', { description: '§10 (8): up to four more weeks for the defence' })
class ExtendThesisDefencePeriodInput extends DefenceExtensionInput {
  @Field(() => String) thesisId!: string;
}

@Resolver(() => Student)
export class DecisionResolver {
  @Directive(AUTHENTICATED)
  @Mutation(() => CommitteeDecision, { description: 'Equivalence verified (§13 (3)); the university records the recognition citing this decision’s id' })
  decideRecognition(@Arg('input', () => RecognitionDecisionInput) input: RecognitionDecisionInput, @Ctx() ctx: ConsortiumContext): Promise<CommitteeDecision> {
    committeeMember(ctx, 'an Academic Committee decision');
    return new DecisionService(ctx.em).recognise(input);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => CommitteeDecision, { description: 'Plagiarism in a course examination decided as a fail of that examination (§20 (2)); only after a hearing' })
  failExaminationForPlagiarism(@Arg('input', () => PlagiarismDecisionInput) input: PlagiarismDecisionInput, @Ctx() ctx: ConsortiumContext): Promise<CommitteeDecision> {
    committeeMember(ctx, 'an Academic Committee decision');
    return new DecisionService(ctx.em).failExaminationForPlagiarism(input);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: 'Deception or plagiarism in the thesis or its defence: the attempt is failed (§20 (1)); only after a hearing' })
  failThesisAttemptForDeception(@Arg('input', () => FailThesisAttemptForDeceptionInput) input: FailThesisAttemptForDeceptionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    const { thesisId, ...decision } = input;
    return this.failThesisForDeception(thesisId, decision, ctx);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, {
    description: 'Deception or plagiarism in the thesis or its defence: the attempt is failed (§20 (1)); only after a hearing',
    deprecationReason: useInstead('failThesisAttemptForDeception(input: { thesisId, … })'),
  })
  failThesisForDeception(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => DeceptionDecisionInput) input: DeceptionDecisionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    committeeMember(ctx, 'an Academic Committee decision');
    return new DecisionService(ctx.em).failThesisForDeception(thesisId, input);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Hearing, { description: "Records the student's hearing before an adverse decision (§20 (3), §21 (5))" })
  recordHearing(@Arg('input', () => HearingInput) input: HearingInput, @Ctx() ctx: ConsortiumContext): Promise<Hearing> {
    committeeMember(ctx, 'an Academic Committee decision');
    return new DecisionService(ctx.em).recordHearing(input);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => CommitteeDecision, { description: "Excludes a student from the master's examination, which is then permanently failed (§20); only after a hearing" })
  excludeStudent(@Arg('input', () => ExclusionInput) input: ExclusionInput, @Ctx() ctx: ConsortiumContext): Promise<CommitteeDecision> {
    committeeMember(ctx, 'an Academic Committee decision');
    return new DecisionService(ctx.em).exclude(input);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: 'Extends the eight-week defence period by up to four weeks (§10 (8))' })
  extendThesisDefencePeriod(@Arg('input', () => ExtendThesisDefencePeriodInput) input: ExtendThesisDefencePeriodInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    const { thesisId, ...extension } = input;
    return this.extendDefencePeriod(thesisId, extension, ctx);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, {
    description: 'Extends the eight-week defence period by up to four weeks (§10 (8))',
    deprecationReason: useInstead('extendThesisDefencePeriod(input: { thesisId, … })'),
  })
  extendDefencePeriod(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => DefenceExtensionInput) input: DefenceExtensionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    committeeMember(ctx, 'an Academic Committee decision');
    return new DecisionService(ctx.em).extendDefencePeriod(thesisId, input);
  }

  @FieldResolver(() => [CommitteeDecision], { description: 'Academic Committee decisions about this student, with their reasons' })
  decisions(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<CommitteeDecision[]> {
    recordReader(ctx, student.id);
    return ctx.loaders.decisions.load(student.id);
  }
}
