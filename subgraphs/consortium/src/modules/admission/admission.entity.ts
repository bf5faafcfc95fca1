import { Entity, OneToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RELATED_FIELDS } from '@pioneer/shared/regulations';
import { Student } from '../students/student.entity.js';

export const RelatedField = Object.fromEntries(RELATED_FIELDS.map((f) => [f, f])) as { [K in (typeof RELATED_FIELDS)[number]]: K };
registerEnumType(RelatedField, { name: 'RelatedField', description: '§4 (1) b: related fields of study' });

/** KU Leuven's admission decision with the requirements of §4 (1) on record. */
@Entity({ tableName: 'admission' })
@ObjectType('Admission', { description: 'Admission to the programme, decided by KU Leuven (§4 (1))' })
export class Admission {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @OneToOne(() => Student, { owner: true, unique: true, deleteRule: 'cascade' })
  student!: Student;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: 'The undergraduate degree, e.g. "BSc Information Systems"' })
  bachelorDegree!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  bachelorInstitution!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '§4 (1) b: at least 180' })
  bachelorCredits!: number;

  @Property({ type: 'string', length: 40 })
  @Field(() => RelatedField)
  bachelorField!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '§4 (1) c: evidence of sufficient English, e.g. "IELTS Academic 7.0"' })
  englishProficiency!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  decidedOn!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: "Reference of KU Leuven's admission decision" })
  decisionReference!: string;
}
