import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Student } from '../students/student.entity.js';
import { ElmoImport } from '../recognition-import/elmo-import.entity.js';
import { Thesis } from './thesis.entity.js';

export const DecisionKind = {
  /** §10 (5) */
  THESIS_EXTENSION: 'THESIS_EXTENSION',
  /** §10 (8) */
  DEFENCE_EXTENSION: 'DEFENCE_EXTENSION',
  /** §20 (1), (2): excluded from the master's examination, which is then permanently failed. Adverse. */
  EXCLUSION: 'EXCLUSION',
  /** §13 (3): equivalence verified; the university then records the recognition citing this decision. */
  RECOGNITION: 'RECOGNITION',
  /** §20 (2): plagiarism in a course examination: that examination is failed (the university records it). Adverse. */
  EXAMINATION_FAILED_FOR_PLAGIARISM: 'EXAMINATION_FAILED_FOR_PLAGIARISM',
  /** §20 (1): deception or plagiarism in the thesis or its defence: the attempt is failed. Adverse. */
  THESIS_FAILED_FOR_DECEPTION: 'THESIS_FAILED_FOR_DECEPTION',
} as const;

export type DecisionKind = (typeof DecisionKind)[keyof typeof DecisionKind];
registerEnumType(DecisionKind, { name: 'DecisionKind', description: 'Kinds of Academic Committee decision on record (§5 (2))' });

/** An Academic Committee decision on record with its reason (§10 (5), §20 (3)). */
@Entity({ tableName: 'committee_decision' })
// Read by student for every page of an intake (exclusions, §20) and on every student page.
@Index({ properties: ['student'] })
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

  /** The university and course a recognition or examination decision concerns. */
  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => String, { nullable: true })
  university: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  @Field(() => String, { nullable: true })
  courseCode: string | null = null;

  /** §13 (2): the ELMO file a recognition rests on, and which of its learning opportunities. */
  @ManyToOne(() => ElmoImport, { nullable: true, deleteRule: 'restrict' })
  @Field(() => ElmoImport, { nullable: true, description: 'The ELMO file a recognition rests on (§13 (2)); null when decided on other documents' })
  elmoImport: ElmoImport | null = null;

  @Property({ type: 'json', nullable: true })
  @Field(() => [String], { nullable: true, description: 'Keys of the learning opportunities of that file the recognition rests on' })
  learningOpportunityKeys: string[] | null = null;

  /** The hearing that preceded an adverse decision (§20 (3), §21 (5)). */
  @ManyToOne(() => Hearing, { nullable: true })
  @Field(() => Hearing, { nullable: true })
  hearing: Hearing | null = null;
}

/** The student's opportunity to state their case before an adverse decision (§20 (3), §21 (5)). */
@Entity({ tableName: 'hearing' })
@ObjectType('Hearing')
export class Hearing {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Student, { deleteRule: 'cascade' })
  student!: Student;

  @Property({ type: 'string', length: 300 })
  @Field(() => String, { description: 'What the hearing was about' })
  subject!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  heldOn!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: "The student's statement, or that they declined to make one" })
  statement!: string;
}
