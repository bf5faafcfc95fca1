import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The university's own enrolment record of a programme student (§4 (1) d): the consortium's
 * student id next to the university's own student number.
 */
@Entity({ tableName: 'enrolment' })
@ObjectType('Enrolment', { description: "A university's enrolment record of a PIONEER student (§4 (1) d)" })
// Same type in all three university subgraphs: federation lets each resolve it.
@Directive('@shareable')
export class Enrolment {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  /** The consortium's student id (the `Student` entity key); no foreign key: another subgraph owns it. */
  @Property({ type: 'uuid', unique: true })
  @Field(() => ID)
  studentId!: string;

  @Property({ type: 'string', length: 32, unique: true })
  @Field(() => String)
  studentNumber!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String, { description: 'ISO date' })
  enrolledOn!: string;
}
