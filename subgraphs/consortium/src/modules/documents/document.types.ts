import { Field, Int, ObjectType } from 'type-graphql';
import type { DocSection, DocTable, DocumentModel } from './document.model.js';

/**
 * A document as data (the model every output is made from): sections of labelled fields,
 * paragraphs and tables, worded as printed. For the Diploma Supplement the sections are the
 * eight of the EU / Council of Europe / UNESCO model (§18).
 */
@ObjectType('DocumentField')
export class DocumentFieldType {
  @Field(() => String) label!: string;
  @Field(() => String) value!: string;
}

@ObjectType('DocumentTable')
export class DocumentTableType implements Omit<DocTable, 'widths'> {
  @Field(() => String) caption!: string;
  @Field(() => [String]) columns!: string[];
  @Field(() => [[String]]) rows!: string[][];
}

@ObjectType('DocumentSection')
export class DocumentSectionType implements DocSection {
  @Field(() => String, { description: 'Section number ("1" … "8" in the Diploma Supplement); empty where unnumbered' }) number!: string;
  @Field(() => String) heading!: string;
  @Field(() => [DocumentFieldType]) fields!: DocumentFieldType[];
  @Field(() => [String]) paragraphs!: string[];
  @Field(() => [DocumentTableType]) tables!: DocTable[];
  @Field(() => [DocumentSectionType], { description: 'Numbered subsections (the supplement’s 4.1 … 4.5), after the fields' }) parts!: DocumentSectionType[];
}

@ObjectType('DocumentSignatory')
export class DocumentSignatoryType {
  @Field(() => String) name!: string;
  @Field(() => String) role!: string;
  @Field(() => String) institution!: string;
}

@ObjectType('DocumentBody', { description: 'The text of a document, section by section' })
export class DocumentBodyType implements Omit<DocumentModel, 'kind'> {
  @Field(() => String, { description: 'DIPLOMA, DIPLOMA_SUPPLEMENT, TRANSCRIPT_OF_RECORDS or CURRENT_TRANSCRIPT' }) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String) subtitle!: string;
  @Field(() => String, { nullable: true }) documentId!: string | null;
  @Field(() => String, { nullable: true, description: 'PIONEER-DS-2024-0001; null for the current record' }) documentNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'Where anyone holding the document checks it (printed with a QR code)' }) verifyUrl!: string | null;
  @Field(() => Int, { nullable: true }) version!: number | null;
  @Field(() => String) issuedOn!: string;
  @Field(() => [String]) preamble!: string[];
  @Field(() => [DocumentSectionType]) sections!: DocumentSectionType[];
  @Field(() => [DocumentSignatoryType]) signatures!: DocumentSignatoryType[];
  @Field(() => String) footerNote!: string;
}

@ObjectType('CurrentRecordDocument', { description: 'The current record as a document: not issued, certifies nothing' })
export class CurrentRecordDocument {
  @Field(() => DocumentBodyType) content!: DocumentBodyType;
  @Field(() => String, { description: 'The PDF, base64' }) pdfBase64!: string;
  @Field(() => String, { description: 'The ELMO XML (EMREX), base64' }) xmlBase64!: string;
}
