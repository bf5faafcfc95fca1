import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Student } from '../students/student.entity.js';
import { Thesis } from './thesis.entity.js';

export const DecisionKind = { THESIS_EXTENSION: 'THESIS_EXTENSION' } as const;
export type DecisionKind = (typeof DecisionKind)[keyof typeof DecisionKind];
registerEnumType(DecisionKind, { name: 'DecisionKind', description: 'Kinds of Academic Committee decision on record (§5 (2))' });

/** An Academic Committee decision on record with its reason (§10 (5), §20 (3)). */
@Entity({ tableName: 'committee_decision' })
@ObjectType('CommitteeDecision')
export class CommitteeDecision {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Student, { deleteRule: 'cascade' })
  student!: Student;

  @ManyToOne(() => Thesis, { nullable: true, deleteRule: 'cascade' })
  thesis: Thesis | null = null;

  @Enum({ items: () => DecisionKind, type: 'string' })
  @Field(() => DecisionKind)
  kind!: DecisionKind;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  decidedOn!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  reason!: string;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true })
  weeks: number | null = null;
}
