import { Field, InputType, Int } from 'type-graphql';
import { ComponentKind } from './exam-component.entity.js';

@InputType('ExaminationDescriptionInput', { description: 'An examination as a course description sets it (§9 (1), §16 (3), §15 (4))' })
export class ExaminationDescriptionInput {
  @Field(() => String, { description: 'Stable key within the course: lower-case words with dashes, e.g. "written-exam"' }) examinationKey!: string;
  @Field(() => String) title!: string;
  @Field(() => ComponentKind) kind!: ComponentKind;
  @Field(() => Int, { nullable: true, description: 'Weight in the course score (§16 (3)), 1-100, for a scored examination; none for pass / fail' }) weight?: number | null;
  @Field(() => Int, { nullable: true, description: 'Attempts allowed, first sitting included (§15 (4)), 1-10; default 2' }) maxAttempts?: number | null;
}

@InputType('CreateCourseInput', { description: "A course new to the university's catalogue, with its first edition" })
export class CreateCourseInput {
  @Field(() => String, { description: "The university's prefix and a code, e.g. LEU-DGOV" }) courseCode!: string;
  @Field(() => String, { description: 'The academic year the description applies from, e.g. "2026/27"' }) academicYear!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'Type of course (§7 (3)): lecture, seminar, lecture + exercise …' }) courseType!: string;
  @Field(() => [String], { description: 'Types of examination (§7 (3))' }) examinationTypes!: string[];
  @Field(() => Int, { description: 'Credits, 1-30 (§6 (2), §7 (1))' }) credits!: number;
  @Field(() => Int, { nullable: true, description: 'Weight in the overall grade (§16 (4)), 1-30; its credits when absent' }) overallWeight?: number | null;
  @Field(() => [ExaminationDescriptionInput], { description: '1-10 examinations, at least one scored' }) examinations!: ExaminationDescriptionInput[];
  @Field(() => String, { description: 'Why: recorded with who and when (§21)' }) reason!: string;
}

@InputType('CreateCourseEditionInput', { description: "A course's description from a new academic year on: the edition in force before it with these changes" })
export class CreateCourseEditionInput {
  @Field(() => String) courseCode!: string;
  @Field(() => String, { description: 'e.g. "2026/27"' }) academicYear!: string;
  @Field(() => String, { nullable: true, description: 'Absent: the previous edition’s' }) title?: string | null;
  @Field(() => Int, { nullable: true, description: 'Absent: the previous edition’s' }) credits?: number | null;
  @Field(() => Int, { nullable: true, description: 'Weight in the overall grade (§16 (4)), 1-30; absent: the previous edition’s' }) overallWeight?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'The overall weight goes back to the credits' }) resetOverallWeight?: boolean | null;
  @Field(() => [ExaminationDescriptionInput], { nullable: true, description: "The new edition's examinations (one left out is retired from that year); absent: the previous edition's" })
  examinations?: ExaminationDescriptionInput[] | null;
  @Field(() => String, { description: 'Why: recorded with who and when (§21)' }) reason!: string;
}

@InputType('AddExaminationInput', { description: 'A new examination in an edition nobody has registered for yet' })
export class AddExaminationInput {
  @Field(() => String) courseCode!: string;
  @Field(() => String, { nullable: true, description: 'The edition in force in this academic year, e.g. "2026/27"; default the current one' }) academicYear?: string | null;
  @Field(() => ExaminationDescriptionInput) examination!: ExaminationDescriptionInput;
  @Field(() => String, { description: 'Why: recorded with who and when (§21)' }) reason!: string;
}

@InputType('RetireCourseInput', { description: 'Retires an edition: no new students from that date; its results stay' })
export class RetireCourseInput {
  @Field(() => String) courseCode!: string;
  @Field(() => String, { nullable: true, description: 'The edition in force in this academic year; default the current one' }) academicYear?: string | null;
  @Field(() => String, { description: 'ISO date from which the edition takes no student who has not started it' }) retiredOn!: string;
  @Field(() => String, { description: 'Why: recorded with who and when (§21)' }) reason!: string;
  @Field(() => Int, { nullable: true, description: 'The version the retirement is based on (VERSION_CONFLICT otherwise)' }) expectedVersion?: number | null;
}
