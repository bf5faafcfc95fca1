import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { Student } from '../students/student.entity.js';

/**
 * §15 (5): a student who has permanently failed gets a transcript only on presenting the
 * certificate of exmatriculation; this puts that certificate on record.
 */
@Entity({ tableName: 'exmatriculation' })
@Unique({ properties: ['student'] })
@ObjectType('Exmatriculation', { description: 'The certificate of exmatriculation presented for a transcript (§15 (5))' })
export class Exmatriculation {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Student, { deleteRule: 'restrict' })
  student!: Student;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String, { description: 'Date of the certificate, ISO' })
  certificateDate!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'Reference of the certificate' })
  reference!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String, { description: 'When the certificate was presented, ISO' })
  presentedOn!: string;
}
