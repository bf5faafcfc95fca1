import { Arg, Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import type { ConsortiumContext } from '../../context.js';
import { DocumentKind } from './document.snapshot.js';
import { DOCUMENT_NUMBER } from './document-number.js';
import { DocumentService } from './document.service.js';
import { DocumentStatus, IssuedDocument } from './issued-document.entity.js';

export const VerificationStatus = { VALID: 'VALID', OUTDATED: 'OUTDATED', REVOKED: 'REVOKED' } as const;
export type VerificationStatus = (typeof VerificationStatus)[keyof typeof VerificationStatus];
registerEnumType(VerificationStatus, {
  name: 'VerificationStatus',
  description: 'VALID; OUTDATED (a result behind it was corrected since, §21: the holder should ask for the new version); REVOKED (withdrawn, §21 (6))',
});

@ObjectType('DocumentVerification', { description: 'What anyone holding a document may learn about it: nothing else about the student' })
export class DocumentVerification {
  @Field(() => String) number!: string;
  @Field(() => DocumentKind) kind!: DocumentKind;
  @Field(() => String, { description: 'ISO date' }) issuedOn!: string;
  @Field(() => VerificationStatus) status!: VerificationStatus;
  @Field(() => String, { nullable: true, description: 'ISO date' }) revokedOn!: string | null;
  @Field(() => String, { description: 'Initials of the holder, e.g. "Y. C. Ø."' }) holderInitials!: string;
  @Field(() => String, { description: 'SHA-256 (hex) of the PDF exactly as issued' }) pdfSha256!: string;
  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the ELMO XML as issued; null for the diploma' }) xmlSha256!: string | null;
}

/** "Yağmur Chloé" "Østergaard" → "Y. C. Ø." */
export function initialsOf(givenName: string, familyName: string): string {
  return `${givenName} ${familyName}`
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]!.toLocaleUpperCase('en')}.`)
    .join(' ');
}

@Resolver()
export class DocumentVerificationResolver {
  // Public (no token): the employer holding the paper checks it. Rate-limited at the gateway's /verify route.
  @Query(() => DocumentVerification, { description: 'Checks an issued document by its number (PIONEER-DS-2024-0001): status, kind, issue date, holder’s initials and the hashes of the issued bytes' })
  async documentVerification(@Arg('number', () => String) number: string, @Ctx() ctx: ConsortiumContext): Promise<DocumentVerification> {
    const normalised = number.trim().toUpperCase();
    const doc = DOCUMENT_NUMBER.test(normalised) ? await ctx.em.findOne(IssuedDocument, { number: normalised }, { populate: ['student'] }) : null;
    if (!doc) throw new DomainError(ErrorCode.UNKNOWN_DOCUMENT, `No issued document ${number}`, { number });
    const status = await new DocumentService(ctx.em, ctx.documents).status(doc);
    return {
      number: doc.number,
      kind: doc.kind,
      issuedOn: doc.issuedOn,
      status: status === DocumentStatus.REVOKED ? VerificationStatus.REVOKED : status === DocumentStatus.OUTDATED ? VerificationStatus.OUTDATED : VerificationStatus.VALID,
      revokedOn: doc.revokedOn,
      holderInitials: initialsOf(doc.student.givenName, doc.student.familyName),
      pdfSha256: doc.pdfSha256,
      xmlSha256: doc.xmlSha256,
    };
  }
}
