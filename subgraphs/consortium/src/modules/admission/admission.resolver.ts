import { Arg, Ctx, Directive, Field, FieldResolver, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED } from '@pioneer/shared/federation';
import { canAdmitStudent, requireAccess } from '@pioneer/shared/auth';
import { recordReader } from '../../access.js';
import type { ConsortiumContext } from '../../context.js';
import { Student } from '../students/student.entity.js';
import { Admission, RelatedField } from './admission.entity.js';
import { AdmissionService } from './admission.service.js';

@InputType('AdmitStudentInput', { description: "KU Leuven's admission decision (§4 (1)) and the identity the diploma needs (§17 (1) a)" })
class AdmitStudentInput {
  @Field(() => String) givenName!: string;
  @Field(() => String) familyName!: string;
  @Field(() => String, { description: 'ISO date' }) dateOfBirth!: string;
  @Field(() => String) placeOfBirth!: string;
  @Field(() => Int, { description: 'Intake year' }) cohort!: number;
  @Field(() => String) bachelorDegree!: string;
  @Field(() => String) bachelorInstitution!: string;
  @Field(() => Int) bachelorCredits!: number;
  @Field(() => RelatedField) bachelorField!: string;
  @Field(() => String) englishProficiency!: string;
  @Field(() => String, { description: 'ISO date' }) decidedOn!: string;
  @Field(() => String) decisionReference!: string;
}

@Resolver(() => Student)
export class AdmissionResolver {
  @Mutation(() => Student, { description: 'Puts a student admitted by KU Leuven on record (§4); the universities then enrol them (§4 (1) d)' })
  @Directive(AUTHENTICATED)
  admitStudent(@Arg('input', () => AdmitStudentInput) input: AdmitStudentInput, @Ctx() ctx: ConsortiumContext): Promise<Student> {
    requireAccess(ctx.principal, canAdmitStudent, 'admission is recorded by KU Leuven (§4) or the Academic Committee');
    return new AdmissionService(ctx.em).admit(input);
  }

  @FieldResolver(() => Admission, { nullable: true, description: '§4 (1)' })
  admission(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<Admission | null> {
    recordReader(ctx, student.id);
    return ctx.loaders.admissions.load(student.id);
  }
}
