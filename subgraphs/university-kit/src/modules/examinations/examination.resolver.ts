import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { useInstead } from '@pioneer/shared/graphql';
import { AUTHENTICATED, officeReader, officeReadScopes, officeWriter, registrant } from '../../access.js';
import type { UniversityContext } from '../../context.js';
import { capitalise, type UniversityProfile } from '../../profile.js';
import { ExamResult } from './exam-result.entity.js';
import { ExaminationService } from './examination.service.js';
import {
  CancelExaminationRegistrationInput,
  RecogniseCreditsInput,
  RecordExaminationResultInput,
  RecordResultInput,
  RectifyExaminationResultInput,
  RegisterExaminationAttemptInput,
  RegisterForExaminationInput,
  ResultValueInput,
} from './examination.inputs.js';
import { OfficeService } from './office.service.js';
import { ResultsImportService } from './results-import.service.js';
import { SessionService } from './session.service.js';
import { ExaminationSession, ImportResultsInput, RecordExaminationSessionInput, ResultsImport } from './session.types.js';
import { GradeDistribution } from './office.types.js';
import { Recognition } from './recognition.entity.js';
import { Registration } from './registration.entity.js';
import { ResultVersion } from './result-version.entity.js';
import { RegistrationCancellation } from './registration-cancellation.entity.js';

/**
 * The examinations office's operations, named after the university (`leuvenRecordExaminationResult`,
 * `muensterResults`, …). Thin: arguments in, service call, result out.
 */
export function createExaminationResolver(profile: UniversityProfile) {
  const name = (s: string) => `${profile.field}${capitalise(s)}`;
  const unit = profile.noun.singular;

  @Resolver(() => ExamResult)
  class ExaminationResolver {
    @Directive(AUTHENTICATED)
    @Mutation(() => Registration, { name: name('registerExaminationAttempt'), description: `Registers a student for one attempt at one examination of a ${unit} (§9 (4))` })
    registerAttempt(@Arg('input', () => RegisterExaminationAttemptInput) input: RegisterExaminationAttemptInput, @Ctx() ctx: UniversityContext): Promise<Registration> {
      registrant(ctx, input.studentId);
      const { examinationKey, ...rest } = input;
      return new ExaminationService(ctx.em, ctx.profile).register({ ...rest, componentKey: examinationKey });
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => RegistrationCancellation, { name: name('cancelExaminationRegistration'), description: 'Cancels a registration that has no result (an accepted withdrawal), with its reason; the attempt is not used' })
    cancelRegistration(@Arg('input', () => CancelExaminationRegistrationInput) input: CancelExaminationRegistrationInput, @Ctx() ctx: UniversityContext): Promise<RegistrationCancellation> {
      const { registrationId, ...cancellation } = input;
      return new ExaminationService(ctx.em, ctx.profile).cancelRegistration(registrationId, cancellation, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamResult, { name: name('recordExaminationResult'), description: 'Records the result of a registered attempt, once (§16 (1), §20)' })
    recordResult(@Arg('input', () => RecordExaminationResultInput) input: RecordExaminationResultInput, @Ctx() ctx: UniversityContext): Promise<ExamResult> {
      const { examinationKey, ...rest } = input;
      return new ExaminationService(ctx.em, ctx.profile).recordResult({ ...rest, componentKey: examinationKey }, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamResult, { name: name('rectifyExaminationResult'), description: 'Corrects a recorded result, with its reason; every version is kept (§16 (2), §21)' })
    rectifyResult(@Arg('input', () => RectifyExaminationResultInput) input: RectifyExaminationResultInput, @Ctx() ctx: UniversityContext): Promise<ExamResult> {
      const { resultId, reason, expectedVersion, ...value } = input;
      return new ExaminationService(ctx.em, ctx.profile).rectify(resultId, value, reason, officeWriter(ctx).subject, expectedVersion ?? null);
    }

    // The 0.1 forms, deprecated until 0.3 (README "Changelog"): same services, old argument shapes.

    @Directive(AUTHENTICATED)
    @Mutation(() => Registration, {
      name: name('registerForExamination'),
      description: `Registers a student for one attempt at one examination of a ${unit} (§9 (4))`,
      deprecationReason: useInstead(`${name('registerExaminationAttempt')}(input: { examinationKey, … })`),
    })
    register(@Arg('input', () => RegisterForExaminationInput) input: RegisterForExaminationInput, @Ctx() ctx: UniversityContext): Promise<Registration> {
      registrant(ctx, input.studentId);
      return new ExaminationService(ctx.em, ctx.profile).register(input);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => RegistrationCancellation, {
      name: name('cancelRegistration'),
      description: 'Cancels a registration that has no result (an accepted withdrawal), with its reason; the attempt is not used',
      deprecationReason: useInstead(`${name('cancelExaminationRegistration')}(input:)`),
    })
    cancel(
      @Arg('registrationId', () => String) registrationId: string,
      @Arg('cancelledOn', () => String) cancelledOn: string,
      @Arg('reason', () => String) reason: string,
      @Ctx() ctx: UniversityContext,
    ): Promise<RegistrationCancellation> {
      return new ExaminationService(ctx.em, ctx.profile).cancelRegistration(registrationId, { cancelledOn, reason }, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamResult, {
      name: name('recordResult'),
      description: 'Records the result of a registered attempt, once (§16 (1), §20)',
      deprecationReason: useInstead(`${name('recordExaminationResult')}(input: { examinationKey, … })`),
    })
    record(@Arg('input', () => RecordResultInput) input: RecordResultInput, @Ctx() ctx: UniversityContext): Promise<ExamResult> {
      return new ExaminationService(ctx.em, ctx.profile).recordResult(input, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExaminationSession, {
      name: name('recordExaminationSession'),
      description: `Records one sitting of one examination of a ${unit} for up to 500 students in one transaction, registering where needed; all or nothing (SESSION_REFUSED lists every bad row)`,
    })
    recordSession(@Arg('input', () => RecordExaminationSessionInput) input: RecordExaminationSessionInput, @Ctx() ctx: UniversityContext): Promise<ExaminationSession> {
      return new SessionService(ctx.em, ctx.profile).recordSession(input, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ResultsImport, {
      name: name('importResults'),
      description: `Imports a CSV export of results (docs/examinations-office.md): a dry run reports every line; a commit records them all or nothing, and the same file again changes nothing`,
    })
    importResults(@Arg('input', () => ImportResultsInput) input: ImportResultsInput, @Ctx() ctx: UniversityContext): Promise<ResultsImport> {
      return new ResultsImportService(ctx.em, ctx.profile).run(input, officeWriter(ctx).subject);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => ExamResult, {
      name: name('rectifyResult'),
      description: 'Corrects a recorded result, with its reason; every version is kept (§16 (2), §21)',
      deprecationReason: useInstead(`${name('rectifyExaminationResult')}(input:)`),
    })
    rectify(
      @Arg('resultId', () => String) resultId: string,
      @Arg('value', () => ResultValueInput) value: ResultValueInput,
      @Arg('reason', () => String) reason: string,
      @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version the correction is based on; if the result has changed since, VERSION_CONFLICT and nothing is written' })
      expectedVersion: number | null,
      @Ctx() ctx: UniversityContext,
    ): Promise<ExamResult> {
      return new ExaminationService(ctx.em, ctx.profile).rectify(resultId, value, reason, officeWriter(ctx).subject, expectedVersion ?? null);
    }

    @Directive(AUTHENTICATED)
    @Mutation(() => Recognition, { name: name('recogniseCredits'), description: 'Records credits recognised by the Academic Committee (§13)' })
    recognise(@Arg('input', () => RecogniseCreditsInput) input: RecogniseCreditsInput, @Ctx() ctx: UniversityContext): Promise<Recognition> {
      return new ExaminationService(ctx.em, ctx.profile).recognise(input, officeWriter(ctx).subject, ctx.consortium);
    }

    @Directive(officeReadScopes(profile))
    @Query(() => [Registration], { name: name('registrations'), description: `Registrations for the examinations of one ${unit}, optionally one attempt` })
    registrations(
      @Arg('courseCode', () => String) courseCode: string,
      @Arg('attempt', () => Int, { nullable: true }) attempt: number | null,
      @Ctx() ctx: UniversityContext,
    ): Promise<Registration[]> {
      officeReader(ctx);
      return new OfficeService(ctx.em, ctx.profile).registrations(courseCode, attempt ?? null);
    }

    @Directive(officeReadScopes(profile))
    @Query(() => [ExamResult], { name: name('results'), description: `Results of one ${unit}, optionally one examination and attempt` })
    results(
      @Arg('courseCode', () => String) courseCode: string,
      @Arg('examinationKey', () => String, { nullable: true, description: 'Only this examination of the course' }) examinationKey: string | null,
      @Arg('attempt', () => Int, { nullable: true }) attempt: number | null,
      @Arg('componentKey', () => String, { nullable: true, deprecationReason: useInstead('examinationKey') }) componentKey: string | null,
      @Ctx() ctx: UniversityContext,
    ): Promise<ExamResult[]> {
      officeReader(ctx);
      return new OfficeService(ctx.em, ctx.profile).results(courseCode, examinationKey ?? componentKey ?? null, attempt ?? null);
    }

    @Directive(officeReadScopes(profile))
    @Query(() => [ResultVersion], { name: name('resultHistory'), description: 'Every version of a result, oldest first (§21)' })
    history(@Arg('resultId', () => String) resultId: string, @Ctx() ctx: UniversityContext): Promise<ResultVersion[]> {
      officeReader(ctx);
      return new OfficeService(ctx.em, ctx.profile).history(resultId);
    }

    @Directive(officeReadScopes(profile))
    @Query(() => GradeDistribution, { name: name('gradeDistribution'), description: `Completed results of one ${unit} per local grade` })
    gradeDistribution(@Arg('courseCode', () => String) courseCode: string, @Ctx() ctx: UniversityContext): Promise<GradeDistribution> {
      officeReader(ctx);
      return new OfficeService(ctx.em, ctx.profile).gradeDistribution(courseCode);
    }

    @FieldResolver(() => String, { description: 'The consortium student id' })
    studentId(@Root() result: ExamResult): string {
      return result.registration.enrolment.studentId;
    }
  }
  return ExaminationResolver;
}
