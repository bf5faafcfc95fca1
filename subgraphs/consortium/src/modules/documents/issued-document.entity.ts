import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Student } from '../students/student.entity.js';
import { DocumentKind, type DocumentSnapshot } from './document.snapshot.js';

registerEnumType(DocumentKind, { name: 'DocumentKind', description: 'Documents the Academic Committee issues (§15 (5), §17, §18)' });

export const DocumentStatus = {
  /** Valid, and the federated record still says what it says. */
  ISSUED: 'ISSUED',
  /** A result behind it has been corrected since (§21): it should be revoked and issued anew. */
  OUTDATED: 'OUTDATED',
  /** Withdrawn by the Academic Committee, with a reason (§21 (6)). */
  REVOKED: 'REVOKED',
} as const;
export type DocumentStatus = (typeof DocumentStatus)[keyof typeof DocumentStatus];
registerEnumType(DocumentStatus, { name: 'DocumentStatus', description: 'Whether an issued document still stands (§21)' });

/**
 * One issued version of one document of one student. Written once: only the revocation fields
 * are ever set afterwards (a database trigger refuses any other change). The rendered PDF and ELMO
 * XML are stored as issued, with their SHA-256, because PDFKit's font subsets make a re-render
 * differ byte for byte; the snapshot is kept to rebuild the model and to detect corrections.
 */
@Entity({ tableName: 'issued_document' })
@Unique({ properties: ['student', 'kind', 'version'] })
@Index({ properties: ['student', 'kind'] })
@ObjectType('IssuedDocument', { description: 'An issued version of a diploma, Diploma Supplement or transcript; immutable' })
export class IssuedDocument {
  [OptionalProps]?: 'revokedOn' | 'revocationReason' | 'xml' | 'xmlSha256' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Student, { deleteRule: 'restrict' })
  student!: Student;

  @Enum({ items: () => DocumentKind, type: 'string' })
  @Field(() => DocumentKind)
  kind!: DocumentKind;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Per student and kind, from 1' })
  version!: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => String, { description: 'ISO date' })
  issuedOn!: string;

  /** PIONEER-DS-2024-0001: unique, sequential per kind and intake; printed on the document and its verification address. */
  @Property({ type: 'string', length: 40, unique: true })
  @Field(() => String, { description: 'The document number printed on it, e.g. PIONEER-DS-2024-0001 (unique, sequential per kind and intake); GET /verify/<number> checks it' })
  number!: string;

  /** The data the document was made from (document.snapshot.ts). */
  @Property({ type: 'json' })
  snapshot!: DocumentSnapshot;

  /** SHA-256 of the canonical record part of the snapshot: compared with the live record (§21). */
  @Property({ type: 'string', length: 64 })
  recordFingerprint!: string;

  @Property({ type: 'blob' })
  pdf!: Buffer;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256 (hex) of the PDF' })
  pdfSha256!: string;

  @Property({ type: 'text', nullable: true })
  xml: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the ELMO XML (UTF-8); null for the diploma, which has none' })
  xmlSha256: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => String, { nullable: true })
  revokedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  revocationReason: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}
