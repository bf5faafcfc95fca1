import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Student } from '../students/student.entity.js';
import { DefenceCommittee } from './defence-committee.entity.js';

export const ThesisState = {
  TOPIC_ASSIGNED: 'TOPIC_ASSIGNED',
  SUBMITTED: 'SUBMITTED',
  DEFENCE_SCHEDULED: 'DEFENCE_SCHEDULED',
  PASSED: 'PASSED',
  FAILED: 'FAILED',
  PERMANENTLY_FAILED: 'PERMANENTLY_FAILED',
} as const;
export type ThesisState = (typeof ThesisState)[keyof typeof ThesisState];
registerEnumType(ThesisState, { name: 'ThesisState', description: 'Where one thesis attempt stands (§10, §11, §15 (2))' });

/** One attempt at the Master thesis module (thesis and defence, §10 (1)); at most two (§15 (2)). */
@Entity({ tableName: 'thesis' })
@Unique({ properties: ['student', 'attempt'] })
@ObjectType('Thesis', { description: 'One attempt at the Master thesis and its defence (§10, §11)' })
export class Thesis {
  [OptionalProps]?: 'topicChanges' | 'extensionWeeks' | 'defenceExtensionWeeks';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Student, { deleteRule: 'cascade' })
  student!: Student;

  @Property({ type: 'integer' })
  @Field(() => Int)
  attempt!: number;

  @Property({ type: 'string', length: 300 })
  @Field(() => String)
  title!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Member of the Thesis Defence Committee supervising the thesis (§10 (2))' })
  supervisor!: string;

  @Enum({ items: () => ThesisState, type: 'string' })
  @Field(() => ThesisState)
  state!: ThesisState;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String, { description: '§10 (3): the date of the topic assignment is put on record' })
  topicAssignedOn!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String, { description: '§10 (4), (5)' })
  submissionDeadline!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '§10 (4): at most one change, within the first four weeks' })
  topicChanges: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '§10 (5): weeks of extension granted by the Academic Committee, at most 12' })
  extensionWeeks: number = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '§10 (7): bound copies handed in (three required)' })
  boundCopies: number | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '§10 (7)' })
  boundCopiesOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '§10 (7)' })
  digitalOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '§10 (7): the submission date put on record (both versions in)' })
  submittedOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: '§10 (8): within eight weeks of the submission' })
  defenceOn: string | null = null;

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => String, { nullable: true, description: '§7 (1), §10 (8): host university by rotation' })
  defenceHost: string | null = null;

  @Property({ type: 'integer' })
  defenceExtensionWeeks: number = 0;

  /** §11 (1): the committee of the academic year of the defence scores and grades it. */
  @ManyToOne(() => DefenceCommittee, { nullable: true })
  @Field(() => DefenceCommittee, { nullable: true })
  defenceCommittee: DefenceCommittee | null = null;

  @Property({ type: 'json', nullable: true })
  @Field(() => [Int], { nullable: true, description: "§11 (2): each examiner's score" })
  examinerScores: number[] | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => String, { nullable: true })
  defendedOn: string | null = null;

  /** The joint score of thesis and defence (§11 (2)), points 0-100. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Joint score of thesis and defence (§11 (2))' })
  score: number | null = null;

  /**
   * Raised by every change (MikroORM's optimistic-lock version property); a step may state the
   * version it was based on (`expectedVersion`), else VERSION_CONFLICT (issue 11).
   */
  @Property({ version: true, type: 'integer' })
  @Field(() => Int)
  version: Opt<number> = 1;
}
