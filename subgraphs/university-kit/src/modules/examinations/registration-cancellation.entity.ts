import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ExamComponent } from '../catalogue/exam-component.entity.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';

/**
 * A registration withdrawn before any result (an accepted withdrawal, docs/regulations.md): the
 * registration goes, so the attempt is not used, and this record of it stays (§21: nothing
 * disappears silently).
 */
@Entity({ tableName: 'registration_cancellation' })
@ObjectType('RegistrationCancellation', { description: 'A registration withdrawn before any result, with its reason' })
@Directive('@shareable')
export class RegistrationCancellation {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Enrolment, { deleteRule: 'cascade' })
  @Field(() => Enrolment)
  enrolment!: Enrolment;

  @ManyToOne(() => ExamComponent, { deleteRule: 'cascade' })
  @Field(() => ExamComponent, { name: 'examination' })
  component!: ExamComponent;

  @Property({ type: 'integer' })
  @Field(() => Int)
  attempt!: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  registeredOn!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  cancelledOn!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  reason!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  cancelledBy!: string;
}
