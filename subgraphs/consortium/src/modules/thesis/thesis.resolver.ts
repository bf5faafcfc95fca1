import { Arg, Ctx, Directive, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED } from '@pioneer/shared/federation';
import { canAssignThesisTopic, canRecordThesisDefence, canSubmitThesis, requireAccess } from '@pioneer/shared/auth';
import { committeeMember, signedIn, studentVisible, thesisAccess } from '../../access.js';
import { DefenceCommittee } from './defence-committee.entity.js';
import type { ConsortiumContext } from '../../context.js';
import { Student } from '../students/student.entity.js';
import { Thesis } from './thesis.entity.js';
import {
  AssignThesisTopicInput,
  ChangeThesisTopicInput,
  DefenceResultInput,
  GrantThesisSubmissionExtensionInput,
  RecordThesisDefenceResultInput,
  RecordThesisSubmissionInput,
  RecordThesisTopicChangeInput,
  SetThesisDefenceDateInput,
  ThesisExtensionInput,
  ThesisSubmissionInput,
} from './thesis.inputs.js';
import { defenceCommitteeOn, ThesisService } from './thesis.service.js';
import { isValidIsoDate } from '@pioneer/shared/regulations';
import { useInstead } from '@pioneer/shared/graphql';

@InputType('DefenceCommitteeMemberInput')
class DefenceCommitteeMemberInput {
  @Field(() => String) name!: string;
  @Field(() => Boolean) hasDoctorate!: boolean;
  @Field(() => String) university!: string;
}

@InputType('AppointDefenceCommitteeInput', { description: '§11 (1)' })
class AppointDefenceCommitteeInput {
  @Field(() => Int) academicYear!: number;
  @Field(() => String) appointedOn!: string;
  @Field(() => [DefenceCommitteeMemberInput]) members!: DefenceCommitteeMemberInput[];
}

/** The thesis lifecycle (§10, §11, §15 (2)). */
@Resolver(() => Thesis)
export class ThesisResolver {
  private service(ctx: ConsortiumContext) {
    return new ThesisService(ctx.em, ctx.federation);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (3): refused below 90 credits, counted from the universities’ live records' })
  async assignThesisTopic(@Arg('input', () => AssignThesisTopicInput) input: AssignThesisTopicInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    // Decided from the caller and the appointed committee only, before the student is looked up:
    // a refused examiner learns nothing about the student (existence, credits, thesis state).
    const committee = isValidIsoDate(input.assignedOn) ? await defenceCommitteeOn(ctx.em, input.assignedOn) : [];
    requireAccess(
      ctx.principal,
      (p) => canAssignThesisTopic(p, input.supervisor, committee),
      'a topic is assigned by the Academic Committee or, as supervisor, by a member of the Thesis Defence Committee (§10 (2), (3))',
    );
    return this.service(ctx).assignTopic(input);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (4): once, within the first four weeks', deprecationReason: useInstead('recordThesisTopicChange(input:)') })
  async changeThesisTopic(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => ChangeThesisTopicInput) input: ChangeThesisTopicInput, @Arg('expectedVersion', () => Int, { nullable: true, description: 'The thesis version the step is based on; if it has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion: number | null, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    await thesisAccess(ctx, thesisId, (p, t) => t.supervisor !== null && canAssignThesisTopic(p, t.supervisor, [t.supervisor]), 'a topic change is for the Academic Committee or the supervising examiner (§10 (4))');
    return this.service(ctx).changeTopic(thesisId, input, expectedVersion ?? null);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (5): up to twelve weeks in all, requested before the deadline, with the reason on record', deprecationReason: useInstead('grantThesisSubmissionExtension(input:)') })
  grantThesisExtension(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => ThesisExtensionInput) input: ThesisExtensionInput, @Arg('expectedVersion', () => Int, { nullable: true, description: 'The thesis version the step is based on; if it has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion: number | null, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    committeeMember(ctx, 'an extension (§10 (5))');
    return this.service(ctx).grantExtension(thesisId, input, expectedVersion ?? null);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (7)', deprecationReason: useInstead('recordThesisSubmission(input:)') })
  async submitThesis(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => ThesisSubmissionInput) input: ThesisSubmissionInput, @Arg('expectedVersion', () => Int, { nullable: true, description: 'The thesis version the step is based on; if it has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion: number | null, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    await thesisAccess(ctx, thesisId, (p, t) => canSubmitThesis(p, t.studentId), 'a thesis is handed in by its student or recorded by the Academic Committee (§10 (7))');
    return this.service(ctx).submit(thesisId, { boundCopies: input.boundCopies, boundCopiesOn: input.boundCopiesOn ?? null, digitalOn: input.digitalOn ?? null }, expectedVersion ?? null);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (8): within eight weeks of the submission, host by rotation', deprecationReason: useInstead('setThesisDefenceDate(input:)') })
  scheduleThesisDefence(@Arg('thesisId', () => String) thesisId: string, @Arg('defenceOn', () => String) defenceOn: string, @Arg('expectedVersion', () => Int, { nullable: true, description: 'The thesis version the step is based on; if it has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion: number | null, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    committeeMember(ctx, 'scheduling a defence (§10 (8))');
    return this.service(ctx).scheduleDefence(thesisId, { defenceOn }, expectedVersion ?? null);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => DefenceCommittee, { description: '§11 (1): three examiners with doctorates for one academic year' })
  appointDefenceCommittee(@Arg('input', () => AppointDefenceCommitteeInput) input: AppointDefenceCommitteeInput, @Ctx() ctx: ConsortiumContext): Promise<DefenceCommittee> {
    committeeMember(ctx, 'appointing the Thesis Defence Committee (§11 (1))');
    return this.service(ctx).appointCommittee(input);
  }

  @Directive(AUTHENTICATED)
  @Query(() => [DefenceCommittee], { description: 'The Thesis Defence Committees, by academic year' })
  defenceCommittees(@Ctx() ctx: ConsortiumContext): Promise<DefenceCommittee[]> {
    // Announced to all (§11 (1)): anyone signed in.
    signedIn(ctx);
    return this.service(ctx).committees();
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§11 (2): a pass only when all three examiners agree on a passing score', deprecationReason: useInstead('recordThesisDefenceResult(input: { score, … })') })
  async recordThesisDefence(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => DefenceResultInput) input: DefenceResultInput, @Arg('expectedVersion', () => Int, { nullable: true, description: 'The thesis version the step is based on; if it has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion: number | null, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    await thesisAccess(ctx, thesisId, (p, t) => canRecordThesisDefence(p, t.defenceCommittee), 'the defence is scored by its Thesis Defence Committee (§11 (2)) or recorded by the Academic Committee');
    return this.service(ctx).recordDefence(thesisId, input, expectedVersion ?? null);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (4): once, within the first four weeks' })
  recordThesisTopicChange(@Arg('input', () => RecordThesisTopicChangeInput) input: RecordThesisTopicChangeInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    const { thesisId, expectedVersion, ...change } = input;
    return this.changeThesisTopic(thesisId, change, expectedVersion ?? null, ctx);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (5): up to twelve weeks in all, requested before the deadline, with the reason on record' })
  grantThesisSubmissionExtension(@Arg('input', () => GrantThesisSubmissionExtensionInput) input: GrantThesisSubmissionExtensionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    const { thesisId, expectedVersion, ...extension } = input;
    return this.grantThesisExtension(thesisId, extension, expectedVersion ?? null, ctx);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (7): the thesis handed in, three bound copies and the digital version, on time' })
  recordThesisSubmission(@Arg('input', () => RecordThesisSubmissionInput) input: RecordThesisSubmissionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    const { thesisId, expectedVersion, ...submission } = input;
    return this.submitThesis(thesisId, submission, expectedVersion ?? null, ctx);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§10 (8): within eight weeks of the submission, host by rotation' })
  setThesisDefenceDate(@Arg('input', () => SetThesisDefenceDateInput) input: SetThesisDefenceDateInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.scheduleThesisDefence(input.thesisId, input.defenceOn, input.expectedVersion ?? null, ctx);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => Thesis, { description: '§11 (2): a pass only when all three examiners agree on a passing score' })
  recordThesisDefenceResult(@Arg('input', () => RecordThesisDefenceResultInput) input: RecordThesisDefenceResultInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.recordThesisDefence(input.thesisId, { examinerScores: input.examinerScores, jointScore: input.score }, input.expectedVersion ?? null, ctx);
  }
}

@Resolver(() => Student)
export class StudentThesisResolver {

  @FieldResolver(() => [Thesis], { description: 'Every attempt at the Master thesis module, oldest first (§15 (2))' })
  async theses(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<Thesis[]> {
    await studentVisible(ctx, student.id);
    return ctx.loaders.theses.load(student.id);
  }
}
