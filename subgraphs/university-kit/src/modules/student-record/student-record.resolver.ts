import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { canReadStudentRecord, requireAccess } from '@pioneer/shared/auth';
import type { UniversityContext } from '../../context.js';
import type { UniversityProfile } from '../../profile.js';
import { UniversityRecord } from './student-record.types.js';

/**
 * `Student.<university>`: the student's record at this university. The Student class is made per
 * university, because type-graphql attaches field resolvers to the class: a shared class would
 * carry every university's field once several are built in one process.
 */
export function createStudentExtension(profile: UniversityProfile) {
  @ObjectType('Student')
  @Directive('@key(fields: "id")')
  class Student {
    @Field(() => ID) id!: string;
  }

  @Resolver(() => Student)
  class StudentRecordResolver {
    @FieldResolver(() => UniversityRecord, {
      name: profile.field,
      nullable: true,
      description: `The student's record at ${profile.name}: enrolment, every ${profile.noun.singular} with its results`,
    })
    @Directive('@authenticated')
    record(@Root() student: Student, @Ctx() ctx: UniversityContext): Promise<UniversityRecord> {
      // Checked here, not at the gateway only: the gateway also fetches this field for the
      // consortium's @requires, on behalf of whoever asked for a progression.
      requireAccess(ctx.principal, (p) => canReadStudentRecord(p, student.id), 'a student record is for the student, the staff of the three universities and the Academic Committee');
      return ctx.loaders.records.load(student.id);
    }
  }
  return { Student, StudentRecordResolver };
}
