import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { ConsortiumContext } from '../../context.js';
import { Student } from '../students/student.entity.js';
import { Thesis } from './thesis.entity.js';
import { AssignThesisTopicInput, ChangeThesisTopicInput, DefenceResultInput, ThesisExtensionInput, ThesisSubmissionInput } from './thesis.inputs.js';
import { ThesisService } from './thesis.service.js';

/** The thesis lifecycle (§10, §11, §15 (2)). PARTIAL: the Thesis Defence Committee is not on record yet. */
@Resolver(() => Thesis)
export class ThesisResolver {
  private service(ctx: ConsortiumContext) {
    return new ThesisService(ctx.em, ctx.federation);
  }

  @Mutation(() => Thesis, { description: '§10 (3): refused below 90 credits, counted from the universities’ live records' })
  assignThesisTopic(@Arg('input', () => AssignThesisTopicInput) input: AssignThesisTopicInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.service(ctx).assignTopic(input);
  }

  @Mutation(() => Thesis, { description: '§10 (4): once, within the first four weeks' })
  changeThesisTopic(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => ChangeThesisTopicInput) input: ChangeThesisTopicInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.service(ctx).changeTopic(thesisId, input);
  }

  @Mutation(() => Thesis, { description: '§10 (5): up to twelve weeks in all, requested before the deadline, with the reason on record' })
  grantThesisExtension(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => ThesisExtensionInput) input: ThesisExtensionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.service(ctx).grantExtension(thesisId, input);
  }

  @Mutation(() => Thesis, { description: '§10 (7)' })
  submitThesis(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => ThesisSubmissionInput) input: ThesisSubmissionInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.service(ctx).submit(thesisId, { boundCopies: input.boundCopies, boundCopiesOn: input.boundCopiesOn ?? null, digitalOn: input.digitalOn ?? null });
  }

  @Mutation(() => Thesis, { description: '§10 (8): within eight weeks of the submission, host by rotation' })
  scheduleThesisDefence(@Arg('thesisId', () => String) thesisId: string, @Arg('defenceOn', () => String) defenceOn: string, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.service(ctx).scheduleDefence(thesisId, { defenceOn });
  }

  @Mutation(() => Thesis, { description: '§11 (2): a pass only when all three examiners agree on a passing score' })
  recordThesisDefence(@Arg('thesisId', () => String) thesisId: string, @Arg('input', () => DefenceResultInput) input: DefenceResultInput, @Ctx() ctx: ConsortiumContext): Promise<Thesis> {
    return this.service(ctx).recordDefence(thesisId, input);
  }
}

@Resolver(() => Student)
export class StudentThesisResolver {
  @FieldResolver(() => [Thesis], { description: 'Every attempt at the Master thesis module, oldest first (§15 (2))' })
  theses(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<Thesis[]> {
    return ctx.loaders.theses.load(student.id);
  }
}
