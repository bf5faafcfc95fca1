import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('DefenceCommitteeMember')
export class DefenceCommitteeMember {
  @Field(() => String) name!: string;
  @Field(() => Boolean, { description: 'A doctoral degree or equivalent qualification in the field (§11 (1))' }) hasDoctorate!: boolean;
  @Field(() => String) university!: string;
}

/** §11 (1): three examiners with doctorates, appointed and announced at the start of each academic year. */
@Entity({ tableName: 'defence_committee' })
@ObjectType('DefenceCommittee', { description: 'The Thesis Defence Committee of one academic year (§11 (1))' })
export class DefenceCommittee {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'integer', unique: true })
  @Field(() => Int, { description: 'The academic year by its first calendar year (2026 = 2026/27)' })
  academicYear!: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String)
  appointedOn!: string;

  @Property({ type: 'json' })
  @Field(() => [DefenceCommitteeMember])
  members!: DefenceCommitteeMember[];
}
