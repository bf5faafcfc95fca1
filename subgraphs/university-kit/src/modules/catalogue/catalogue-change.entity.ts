import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * One change of the catalogue by the examinations office — a title, a course's weight in the
 * overall grade (§16 (4)), an examination's weight (§16 (3)) or attempts — with who, when and
 * why (§21: nothing changes silently; a weight changes every graduate's overall grade).
 */
@Entity({ tableName: 'catalogue_change' })
@ObjectType('CatalogueChange', { description: 'A change of a course or examination, with who, when and why (§16 (3), (4), §21)' })
@Directive('@shareable')
export class CatalogueChange {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'string', length: 32, index: true })
  @Field(() => String)
  courseCode!: string;

  /** The examination changed; null for a change of the course itself. */
  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => String, { nullable: true, name: 'examinationKey' })
  componentKey: string | null = null;

  @Property({ type: 'string', length: 32 })
  @Field(() => String, { description: 'title, overallWeight, weight or maxAttempts' })
  field!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Null: the default (a course weight of its credits)' })
  oldValue: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  newValue: string | null = null;

  @Property({ type: 'text' })
  @Field(() => String)
  reason!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  changedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field(() => Date)
  changedAt: Date = new Date();
}
