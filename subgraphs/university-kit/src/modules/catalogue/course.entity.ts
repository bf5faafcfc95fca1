import { ArrayType, Collection, Entity, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ExamComponent } from './exam-component.entity.js';

/**
 * One edition of a course (KU Leuven, TTÜ) or module (Münster) of §7 (3): its description from an
 * academic year on, until a later edition of the same code replaces it. Registrations point at an
 * edition's examinations, so a result keeps the description of the year it was taken in
 * (docs/catalogue.md, "Editions").
 */
@Entity({ tableName: 'course' })
@Unique({ properties: ['code', 'academicYear'] })
@ObjectType('Course', { description: 'A course (KU Leuven, TalTech) or module (Münster) of §7 (3)' })
// Same type in all three university subgraphs: federation lets each resolve it.
@Directive('@shareable')
export class Course {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string', length: 32 })
  @Field(() => String)
  code!: string;

  /** The academic year (its starting calendar year, 2025 = 2025/26) this edition applies from. */
  @Property({ type: 'integer' })
  academicYear!: number;

  /** The edition takes no student who has not started it from this date (docs/catalogue.md). */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'ISO date from which this edition takes no new students; its results stay readable' })
  retiredOn: string | null = null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title!: string;

  /** "Type of course" column of §7 (3): lecture, seminar, lecture + exercise … */
  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'Type of course (§7 (3)): lecture, seminar, lecture + exercise …' })
  courseType!: string;

  /** "Type of examination" column of §7 (3). */
  @Property({ type: ArrayType })
  @Field(() => [String], { description: 'Types of examination (§7 (3))' })
  examinationTypes: string[] = [];

  @Property({ type: 'integer' })
  @Field(() => Int)
  credits!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Programme semester (§7 (1)): 1 Leuven, 2 Münster, 3 TalTech' })
  semester!: number;

  /** §16 (4): the course descriptions set the weight in the overall grade; null = its credits. */
  @Property({ type: 'integer', nullable: true })
  overallWeight: number | null = null;

  /** Raised by every edit; an edit may state the version it read (VERSION_CONFLICT otherwise). */
  @Property({ type: 'integer', default: 1 })
  @Field(() => Int)
  version: number = 1;

  @OneToMany(() => ExamComponent, (c) => c.course, { orderBy: { position: 'asc' } })
  components = new Collection<ExamComponent>(this);
}

/** §16 (4): the weight of a course score in the overall grade; its credits unless the course description sets one. */
export function overallWeightOf(course: Pick<Course, 'overallWeight' | 'credits'>): number {
  return course.overallWeight ?? course.credits;
}
