import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Course } from '../catalogue/course.entity.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';

/** Recognition of prior learning for one course, decided by the Academic Committee (§13). */
@Entity({ tableName: 'recognition' })
@Unique({ properties: ['enrolment', 'course'] })
@ObjectType('Recognition', { description: 'Credits recognised by an Academic Committee decision (§13)' })
// Same type in all three university subgraphs: federation lets each resolve it.
@Directive('@shareable')
export class Recognition {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Enrolment, { deleteRule: 'cascade' })
  enrolment!: Enrolment;

  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  @Field(() => Course)
  course!: Course;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'Reference of the Academic Committee decision (§13 (3))' })
  decisionReference!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  decidedOn!: string;

  /** Points transferred with the recognition, if any; without them the course stays out of §16 (4). */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  points: number | null = null;

  @Property({ type: 'string', length: 200 })
  recordedBy!: string;
}
