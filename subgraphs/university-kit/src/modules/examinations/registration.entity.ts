import { Entity, ManyToOne, OneToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ExamComponent } from '../catalogue/exam-component.entity.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import { ExamResult } from './exam-result.entity.js';

/** Registration for one attempt at one examination (§9 (4)); a result needs one. */
@Entity({ tableName: 'registration' })
@Unique({ properties: ['enrolment', 'component', 'attempt'] })
@ObjectType('Registration', { description: 'Registration for one attempt at one examination (§9 (4))' })
// Same type in all three university subgraphs: federation lets each resolve it.
@Directive('@shareable')
export class Registration {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Enrolment, { deleteRule: 'cascade' })
  @Field(() => Enrolment)
  enrolment!: Enrolment;

  @ManyToOne(() => ExamComponent, { deleteRule: 'cascade' })
  @Field(() => ExamComponent, { name: 'examination' })
  component!: ExamComponent;

  @Property({ type: 'integer' })
  @Field(() => Int)
  attempt!: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  registeredOn!: string;

  @OneToOne(() => ExamResult, (r) => r.registration, { nullable: true })
  @Field(() => ExamResult, { nullable: true, description: 'The result of this attempt, once recorded' })
  result: ExamResult | null = null;
}
