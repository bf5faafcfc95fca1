import { Arg, Ctx, Directive, Field, FieldResolver, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED } from '@pioneer/shared/federation';
import { committeeMember, personalDataReader, signedIn } from '../../access.js';
import { parseIsoDate } from '@pioneer/shared/regulations';
import type { ConsortiumContext } from '../../context.js';
import { Student } from '../students/student.entity.js';
import { DocumentKind } from './document.snapshot.js';
import { DocumentService } from './document.service.js';
import { CurrentRecordDocument, DocumentBodyType } from './document.types.js';
import { Exmatriculation } from './exmatriculation.entity.js';
import { DocumentStatus, IssuedDocument } from './issued-document.entity.js';

@InputType('IssueDocumentInput', { description: '§15 (5), §17, §18' })
class IssueDocumentInput {
  @Field(() => String) studentId!: string;
  @Field(() => DocumentKind) kind!: DocumentKind;
  @Field(() => String, { description: 'ISO date' }) issuedOn!: string;
}

@InputType('RevokeDocumentInput', { description: '§21 (6)' })
class RevokeDocumentInput {
  @Field(() => String) documentId!: string;
  @Field(() => String, { description: 'ISO date' }) revokedOn!: string;
  @Field(() => String) reason!: string;
}

@InputType('ExmatriculationInput', { description: '§15 (5)' })
class ExmatriculationInput {
  @Field(() => String) studentId!: string;
  @Field(() => String, { description: 'Date of the certificate, ISO' }) certificateDate!: string;
  @Field(() => String, { description: 'Reference of the certificate' }) reference!: string;
  @Field(() => String, { description: 'When the student presented it, ISO' }) presentedOn!: string;
}

@Resolver(() => IssuedDocument)
export class DocumentResolver {
  private service(ctx: ConsortiumContext) {
    return new DocumentService(ctx.em, ctx.documents);
  }

  @Mutation(() => IssuedDocument, {
    description: 'Issues the next version of a diploma or Diploma Supplement (master’s examination passed, §17, §18) or transcript (permanently failed, exmatriculation on record, §15 (5)), from the federated record',
  })
  @Directive(AUTHENTICATED)
  issueDocument(@Arg('input', () => IssueDocumentInput) input: IssueDocumentInput, @Ctx() ctx: ConsortiumContext): Promise<IssuedDocument> {
    committeeMember(ctx, 'issuing a document (§17 (2), §18 (1))');
    return this.service(ctx).issue(input);
  }

  @Mutation(() => IssuedDocument, { description: 'Revokes an issued document with its reason (§21 (6)); it stays on record as REVOKED' })
  @Directive(AUTHENTICATED)
  revokeDocument(@Arg('input', () => RevokeDocumentInput) input: RevokeDocumentInput, @Ctx() ctx: ConsortiumContext): Promise<IssuedDocument> {
    committeeMember(ctx, 'revoking a document (§21)');
    return this.service(ctx).revoke(input);
  }

  @Mutation(() => Exmatriculation, { description: 'Puts the certificate of exmatriculation on record (§15 (5))' })
  @Directive(AUTHENTICATED)
  recordExmatriculation(@Arg('input', () => ExmatriculationInput) input: ExmatriculationInput, @Ctx() ctx: ConsortiumContext): Promise<Exmatriculation> {
    committeeMember(ctx, 'putting the exmatriculation on record (§15 (5))');
    return this.service(ctx).recordExmatriculation(input);
  }

  @Query(() => IssuedDocument, { description: 'One issued document version' })
  @Directive(AUTHENTICATED)
  async issuedDocument(@Arg('id', () => String) id: string, @Ctx() ctx: ConsortiumContext): Promise<IssuedDocument> {
    signedIn(ctx);
    const doc = await this.service(ctx).byId(id);
    // Documents carry date and place of birth: the same people as the personal data.
    personalDataReader(ctx, doc.student.id);
    return doc;
  }

  @FieldResolver(() => DocumentStatus, { description: 'ISSUED, OUTDATED (a result behind it was corrected, §21) or REVOKED' })
  async status(@Root() doc: IssuedDocument, @Ctx() ctx: ConsortiumContext): Promise<DocumentStatus> {
    // The live records of all the students of the request come in one gateway read (per-request loader).
    return this.service(ctx).status(doc);
  }

  @FieldResolver(() => Student)
  student(@Root() doc: IssuedDocument): Student {
    return doc.student;
  }

  @FieldResolver(() => DocumentBodyType, { description: 'The text as issued, rebuilt from the stored snapshot' })
  content(@Root() doc: IssuedDocument, @Ctx() ctx: ConsortiumContext): DocumentBodyType {
    return this.service(ctx).body(doc) as DocumentBodyType;
  }

  @FieldResolver(() => String, { description: 'The PDF as issued, base64' })
  pdfBase64(@Root() doc: IssuedDocument, @Ctx() ctx: ConsortiumContext): string {
    return this.service(ctx).content(doc, 'PDF').toString('base64');
  }

  @FieldResolver(() => String, { nullable: true, description: 'The ELMO XML as issued, base64 (transcripts and Diploma Supplements; null for the diploma)' })
  xmlBase64(@Root() doc: IssuedDocument): string | null {
    return doc.xml === null ? null : Buffer.from(doc.xml, 'utf8').toString('base64');
  }
}

@Resolver(() => Student)
export class StudentDocumentsResolver {
  @FieldResolver(() => [IssuedDocument], { description: 'Every issued version of every document, by kind and version, with its status against the live record (§21)' })
  @Directive(AUTHENTICATED)
  documents(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<IssuedDocument[]> {
    personalDataReader(ctx, student.id);
    return ctx.documents.loaders.documents.load(student.id);
  }

  @FieldResolver(() => Exmatriculation, { nullable: true, description: '§15 (5)' })
  @Directive(AUTHENTICATED)
  exmatriculation(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<Exmatriculation | null> {
    personalDataReader(ctx, student.id);
    return ctx.documents.loaders.exmatriculations.load(student.id);
  }

  @Directive(AUTHENTICATED)
  @FieldResolver(() => CurrentRecordDocument, {
    nullable: true,
    description:
      'The current record as a document (PDF too), for the student and staff; not an issued document. Rendering is costly: one request renders at most 3 (DOCUMENT_RENDER_LIMIT_EXCEEDED beyond), and one person a few at once and a bounded number per minute across requests (RATE_LIMITED with details.retryAfter seconds); null with the error, the rest of the answer stays',
  })
  async currentRecord(@Root() student: Student, @Ctx() ctx: ConsortiumContext, @Arg('asOf', () => String, { description: 'ISO date printed on it' }) asOf: string): Promise<CurrentRecordDocument> {
    const caller = personalDataReader(ctx, student.id);
    parseIsoDate(asOf, 'asOf');
    return (await new DocumentService(ctx.em, ctx.documents).currentRecord(student, asOf, caller.subject)) as CurrentRecordDocument;
  }
}
