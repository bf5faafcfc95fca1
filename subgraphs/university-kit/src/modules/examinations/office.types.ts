import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ResultLabel, University } from '@pioneer/shared/graphql';

@ObjectType('GradeCount')
@Directive('@shareable')
export class GradeCount {
  @Field(() => String) grade!: string;
  @Field(() => ResultLabel) label!: ResultLabel;
  @Field(() => Int) count!: number;
}

@ObjectType('GradeDistribution', { description: 'Completed results of a course per local grade (§16 (3)), the basis of an ECTS grading table' })
@Directive('@shareable')
export class GradeDistribution {
  @Field(() => String) courseCode!: string;
  @Field(() => University) university!: University;
  @Field(() => Int) completed!: number;
  @Field(() => [GradeCount]) grades!: GradeCount[];
}
