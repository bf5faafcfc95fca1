import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { ConsortiumContext } from '../../context.js';
import { Student } from './student.entity.js';
import { StudentService } from './student.service.js';

@ObjectType('StudentPage')
class StudentPage {
  @Field(() => [Student]) items!: Student[];
  @Field(() => Int) total!: number;
}

@Resolver(() => Student)
export class StudentResolver {
  @Query(() => Student, { description: 'One student, with the joint record when asked for' })
  student(@Arg('id', () => String) id: string, @Ctx() ctx: ConsortiumContext): Promise<Student> {
    return new StudentService(ctx.em).byId(id);
  }

  @Query(() => StudentPage, { description: 'Students, by cohort, a page at a time' })
  students(
    @Ctx() ctx: ConsortiumContext,
    @Arg('cohort', () => Int, { nullable: true }) cohort?: number,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit = 50,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<StudentPage> {
    return new StudentService(ctx.em).list({ cohort: cohort ?? null, limit, offset });
  }
}
