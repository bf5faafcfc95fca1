import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { Student } from '../students/student.entity.js';
import type { ElmoLearner, ElmoSigner, LearningOpportunity } from './elmo.reader.js';
import { ElmoLearnerType, ElmoSignerType, LearningOpportunityType } from './elmo-import.types.js';

/**
 * An ELMO file a student submitted for recognition (§13 (2)), as uploaded: its bytes and SHA-256,
 * who put it on record and when, and what the hub read from it (kept so that a decision citing a
 * learning opportunity shows exactly what the committee saw). Append-only: the serving database
 * role may insert, never change or delete (append-only.ts).
 */
@Entity({ tableName: 'elmo_import' })
// One file is on record once per student; the unique index also serves the lookups by student.
@Unique({ properties: ['student', 'sha256'] })
@ObjectType('ElmoImport', { description: 'An ELMO / EMREX file put on record for recognition of prior learning (§13 (2)); immutable' })
export class ElmoImport {
  [OptionalProps]?: 'importedAt' | 'signed';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Student, { deleteRule: 'restrict' })
  student!: Student;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  fileName!: string;

  /** Loaded only when asked for: lists of imports and decisions do not carry the files. */
  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256 (hex) of the file as uploaded' })
  sha256!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Size of the file in bytes' })
  size!: number;

  @Field(() => Boolean, { description: 'Whether the file was signed (and its signature verified); an unsigned file is accepted, marked as such' })
  get signed(): boolean {
    return this.signer !== null;
  }

  @Property({ type: 'json', nullable: true })
  @Field(() => ElmoSignerType, { nullable: true, description: 'The verified signature’s certificate; null: the file was not signed' })
  signer: ElmoSigner | null = null;

  @Property({ type: 'json' })
  @Field(() => ElmoLearnerType)
  learner!: ElmoLearner;

  @Property({ type: 'json' })
  @Field(() => [LearningOpportunityType])
  learningOpportunities!: LearningOpportunity[];

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'Who put the file on record (their account)' })
  importedBy!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  importedByName!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  importedAt: Date = new Date();
}
