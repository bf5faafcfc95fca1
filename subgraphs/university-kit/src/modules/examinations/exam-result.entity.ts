import { Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import { Registration } from './registration.entity.js';

export const ResultStatus = {
  GRADED: 'GRADED',
  ABSENT: 'ABSENT',
  WITHDRAWN: 'WITHDRAWN',
  FRAUD: 'FRAUD',
  PLAGIARISM: 'PLAGIARISM',
} as const;
export type ResultStatus = (typeof ResultStatus)[keyof typeof ResultStatus];
registerEnumType(ResultStatus, {
  name: 'ResultStatus',
  description: 'GRADED, or a status that counts as a failed attempt (§20)',
});

/**
 * The current value of one attempt's result. Every value it ever had, including this one, is in
 * `result_version` (§21: nothing is overwritten silently).
 */
@Entity({ tableName: 'exam_result' })
@ObjectType('ExamResult', { description: 'The result of one examination attempt' })
// Same type in all three university subgraphs: federation lets each resolve it.
@Directive('@shareable')
export class ExamResult {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @OneToOne(() => Registration, (r) => r.result, { owner: true, unique: true, deleteRule: 'cascade' })
  @Field(() => Registration)
  registration!: Registration;

  /**
   * The registration's enrolment, repeated so that a student's results are read by index
   * (student-record.query.ts); a trigger holds it equal to the registration's
   * (Migration20261129190000).
   */
  @ManyToOne(() => Enrolment, { deleteRule: 'cascade' })
  @Index()
  enrolment!: Enrolment;

  @Enum({ items: () => ResultStatus, type: 'string' })
  @Field(() => ResultStatus)
  status!: ResultStatus;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Points 0-100 of a scored examination' })
  points: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Verdict of a pass / fail examination' })
  passed: boolean | null = null;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  examinedOn!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  examiner!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  recordedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field(() => Date)
  recordedAt: Date = new Date();
}
