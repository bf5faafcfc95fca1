import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Course } from './course.entity.js';

export const ComponentKind = { SCORED: 'SCORED', PASS_FAIL: 'PASS_FAIL' } as const;
export type ComponentKind = (typeof ComponentKind)[keyof typeof ComponentKind];
registerEnumType(ComponentKind, {
  name: 'ExaminationKind',
  description: '§16 (1): an examination is either scored (points 0-100) or graded pass / fail',
});

/** One examination or coursework element of a course, with its weight in the course score (§16 (3)). */
@Entity({ tableName: 'exam_component' })
@Unique({ properties: ['course', 'key'] })
// Named "Examination" in the schema (one word per concept, issue 15): the class keeps its table's name.
@ObjectType('Examination', { description: 'An examination or coursework element of a course (§9 (1), §16 (3))' })
// Same type in all three university subgraphs: federation lets each resolve it.
@Directive('@shareable')
export class ExamComponent {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  course!: Course;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: 'Stable key within the course, e.g. "written-exam"' })
  key!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  title!: string;

  @Enum({ items: () => ComponentKind, type: 'string' })
  @Field(() => ComponentKind)
  kind!: ComponentKind;

  /** Relative weight in the course score (§16 (3)); ignored for pass / fail components. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Relative weight in the course score (§16 (3)); pass / fail examinations carry none' })
  weight!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Attempts allowed, first sitting included' })
  maxAttempts!: number;

  @Property({ type: 'integer' })
  position!: number;

  /** Raised by every edit; an edit may state the version it read (VERSION_CONFLICT otherwise). */
  @Property({ type: 'integer', default: 1 })
  @Field(() => Int)
  version: number = 1;
}
