import { Arg, Ctx, Directive, Field, FieldResolver, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED } from '@pioneer/shared/federation';
import { Base64File } from '@pioneer/shared/graphql';
import { committeeMember, recognitionSourceReader } from '../../access.js';
import type { ConsortiumContext } from '../../context.js';
import { CommitteeDecision } from '../thesis/committee-decision.entity.js';
import { ElmoImport } from './elmo-import.entity.js';
import { ElmoImportService } from './elmo-import.service.js';
import { ElmoPreview, LearningOpportunityType } from './elmo-import.types.js';
import { sameLearner } from './learner-match.js';

@InputType('PreviewElmoImportInput', { description: 'An ELMO / EMREX file to read without storing it (§13 (2))' })
class PreviewElmoImportInput {
  @Field(() => Base64File, { description: "The file's bytes, base64; at most 512 KiB" }) file!: Buffer;
}

@InputType('ImportElmoInput', { description: 'An ELMO / EMREX file a student submitted for recognition (§13 (2))' })
class ImportElmoInput {
  @Field(() => String, { description: "The consortium's student id of the student who submitted it" }) studentId!: string;
  @Field(() => String, { description: 'The file name as uploaded' }) fileName!: string;
  @Field(() => Base64File, { description: "The file's bytes, base64; at most 512 KiB" }) file!: Buffer;
}

@Resolver(() => ElmoImport)
export class ElmoImportResolver {
  @Directive(AUTHENTICATED)
  @Query(() => ElmoPreview, { description: 'Reads an ELMO file: schema, signature (when signed) and its learning opportunities; stores nothing (§13 (2))' })
  previewElmoImport(@Arg('input', () => PreviewElmoImportInput) input: PreviewElmoImportInput, @Ctx() ctx: ConsortiumContext): Promise<ElmoPreview> {
    committeeMember(ctx, 'reading an ELMO file for recognition');
    return new ElmoImportService(ctx.em).preview(input.file);
  }

  @Directive(AUTHENTICATED)
  @Mutation(() => ElmoImport, { description: 'Puts an ELMO file on record for a student (append-only, with its SHA-256); the same file again answers the stored import (§13 (2))' })
  importElmo(@Arg('input', () => ImportElmoInput) input: ImportElmoInput, @Ctx() ctx: ConsortiumContext): Promise<ElmoImport> {
    const p = committeeMember(ctx, 'putting an ELMO file on record for recognition');
    return new ElmoImportService(ctx.em).import(input, p);
  }

  @Directive(AUTHENTICATED)
  @Query(() => ElmoImport, { description: 'A stored ELMO import, for the Academic Committee and the universities’ staff (§13 (3), (4))' })
  elmoImport(@Arg('id', () => String) id: string, @Ctx() ctx: ConsortiumContext): Promise<ElmoImport> {
    recognitionSourceReader(ctx);
    return new ElmoImportService(ctx.em).byId(id);
  }

  @FieldResolver(() => Base64File, { description: 'The file as uploaded (base64)' })
  file(@Root() elmoImport: ElmoImport, @Ctx() ctx: ConsortiumContext): Promise<Buffer> {
    recognitionSourceReader(ctx);
    return new ElmoImportService(ctx.em).content(elmoImport.id);
  }

  @FieldResolver(() => Boolean, { description: "Whether the file's learner has the student's family name and date of birth (accents and case aside): the committee checks the file is the student's" })
  async learnerMatchesStudent(@Root() elmoImport: ElmoImport, @Ctx() ctx: ConsortiumContext): Promise<boolean> {
    const student = await ctx.loaders.students.load(elmoImport.student.id);
    return student !== null && sameLearner(elmoImport.learner, student);
  }
}

@Resolver(() => CommitteeDecision)
export class RecognitionSourceResolver {
  @FieldResolver(() => [LearningOpportunityType], { nullable: true, description: 'The learning opportunities of the ELMO file a recognition rests on (§13 (2), (3)); null for other decisions' })
  recognisedFrom(@Root() decision: CommitteeDecision): LearningOpportunityType[] | null {
    if (!decision.elmoImport || !decision.learningOpportunityKeys) return null;
    const keys = new Set(decision.learningOpportunityKeys);
    return decision.elmoImport.learningOpportunities.filter((l) => keys.has(l.key));
  }
}
