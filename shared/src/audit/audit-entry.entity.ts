import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * One attempted mutation, as the subgraph that received it saw it: who (subject and roles),
 * when, which operation, on what, and how it ended. Written outside the mutation's own
 * transaction, so refused and failed attempts are kept too. Append-only: nothing updates or
 * deletes these rows.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['at'] })
@Index({ properties: ['studentId', 'at'] })
@ObjectType('AuditEntry', { description: 'One attempted mutation: actor, roles, time, operation, target and outcome' })
@Directive('@shareable')
export class AuditEntry {
  [OptionalProps]?: 'id' | 'at' | 'atIso' | 'studentId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date = new Date();

  @Field(() => String, { name: 'at', description: 'When, as an ISO timestamp (UTC)' })
  get atIso(): string {
    return this.at.toISOString();
  }

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'The subgraph that received it (leuven, muenster, ttu, consortium)' })
  service!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: "The token's subject, or anonymous" })
  actor!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  actorName!: string;

  @Property({ type: 'string', length: 300 })
  @Field(() => String, { description: 'The scopes the actor held, space-separated' })
  roles!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: 'The mutation field, e.g. leuvenRecordResult' })
  operation!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'What it was about: the ids among its arguments (studentId=…, resultId=…)' })
  target!: string | null;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'OK, or the error code it ended with (FORBIDDEN, HEARING_REQUIRED, …)' })
  outcome!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => String, { nullable: true, description: 'The student whose record it is about, also where the target names a result, registration, thesis or document' })
  studentId?: string | null = null;
}

@ObjectType('AuditPage')
@Directive('@shareable')
export class AuditPage {
  @Field(() => Int) total!: number;
  @Field(() => [AuditEntry]) items!: AuditEntry[];
}
