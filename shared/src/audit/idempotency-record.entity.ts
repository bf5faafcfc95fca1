import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * One mutation request carried out under an `Idempotency-Key` (issue 12 item 3): inserted in the
 * transaction of its write (audit-scope.ts), its response added once sent. Keys are per actor:
 * one caller's key never answers another caller. Kept for IDEMPOTENCY_KEY_TTL_HOURS.
 */
@Entity({ tableName: 'idempotency_key' })
@Unique({ properties: ['actor', 'key'] })
@Index({ properties: ['createdAt'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  actor!: string;

  @Property({ type: 'string', length: 100 })
  key!: string;

  /** SHA-256 of the operation and its variables as the subgraph received them. */
  @Property({ type: 'string', length: 64 })
  fingerprint!: string;

  @Property({ type: 'string', length: 100 })
  operation!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  /** The response first sent ({ data, errors }); null until it was sent. */
  @Property({ type: 'json', nullable: true })
  response: unknown = null;
}
