import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The last document number given per kind and intake. Numbers are taken inside the issuing
 * transaction with one upsert (`document-number.ts`), whose row lock orders concurrent issues
 * and whose rollback returns the number: unique, sequential and without gaps.
 */
@Entity({ tableName: 'document_number_counter' })
export class DocumentNumberCounter {
  @PrimaryKey({ type: 'string', length: 32 })
  kind!: string;

  @PrimaryKey({ type: 'integer' })
  intake!: number;

  @Property({ type: 'integer' })
  last!: number;
}
