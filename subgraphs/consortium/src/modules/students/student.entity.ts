import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { UniversityRecordInput } from '../progression/university-record.types.js';

/**
 * A PIONEER student: the consortium owns the identity the diploma needs (§17 (1) a) and the
 * cohort. The universities extend this entity with their records (`leuven`, `muenster`, `ttu`).
 */
@Entity({ tableName: 'student' })
@Index({ properties: ['cohort', 'familyName', 'givenName'] })
@ObjectType('Student', { description: 'A student of the PIONEER joint master' })
@Directive('@key(fields: "id")')
export class Student {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  givenName!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  familyName!: string;

  @Property({ type: 'string', columnType: 'date' })
  dateOfBirth!: string;

  @Property({ type: 'string', length: 200 })
  placeOfBirth!: string;

  /** Intake year: the programme starts each autumn at KU Leuven (§4 (1)). */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Intake year (the winter semester the student started at KU Leuven)' })
  cohort!: number;

  // Owned by the university subgraphs; present here only when the gateway brings them for @requires.
  @Field(() => UniversityRecordInput, { nullable: true })
  @Directive('@external')
  leuven?: UniversityRecordInput | null;

  @Field(() => UniversityRecordInput, { nullable: true })
  @Directive('@external')
  muenster?: UniversityRecordInput | null;

  @Field(() => UniversityRecordInput, { nullable: true })
  @Directive('@external')
  ttu?: UniversityRecordInput | null;
}
