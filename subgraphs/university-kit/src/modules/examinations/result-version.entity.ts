import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ExamResult, ResultStatus } from './exam-result.entity.js';

/** One version of a result: the first recording, then each rectification with its reason (§21). */
@Entity({ tableName: 'result_version' })
@Unique({ properties: ['result', 'version'] })
@ObjectType('ResultVersion', { description: 'One version of a result; rectifications carry their reason (§16 (2), §21)' })
// Same type in all three university subgraphs: federation lets each resolve it.
@Directive('@shareable')
export class ResultVersion {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => ExamResult, { deleteRule: 'cascade' })
  result!: ExamResult;

  @Property({ type: 'integer' })
  @Field(() => Int)
  version!: number;

  @Enum({ items: () => ResultStatus, type: 'string' })
  @Field(() => ResultStatus)
  status!: ResultStatus;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  points: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true })
  passed: boolean | null = null;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  examinedOn!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  examiner!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  changedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field(() => Date)
  changedAt: Date = new Date();

  /** Null only for the first recording; every rectification must give one. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason: string | null = null;
}
