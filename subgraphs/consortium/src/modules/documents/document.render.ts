/**
 * Snapshot → the bytes handed out: the PDF signed (PAdES) and, for the supplement and the
 * transcript, the ELMO XML with that PDF attached, signed (XML-DSig). Pure apart from the clock
 * of the PDF signature, and free of the database, so that a worker thread can run it.
 */
import { renderElmo } from './document.elmo.js';
import { buildModel, buildTranscript } from './document.model.js';
import { renderPdf } from './document.pdf.js';
import { DocumentKind, type DocumentSnapshot } from './document.snapshot.js';
import { signElmo } from './signing/elmo-signature.js';
import { signPdfDocument } from './signing/pdf-signature.js';
import type { SigningIdentity } from './signing/signing-identity.js';

export interface RenderedDocument {
  pdf: Buffer;
  xml: string | null;
}

/** Where the documents are signed: the seat of the coordinating university (§5 (3)). */
export const SIGNING_LOCATION = 'Leuven, Belgium';

export async function renderIssuedDocument(snapshot: DocumentSnapshot, identity: SigningIdentity, signingTime: Date = new Date()): Promise<RenderedDocument> {
  const model = buildModel(snapshot);
  const pdf = await signPdfDocument(await renderPdf(model), identity, {
    reason: `${model.title} ${snapshot.issue.documentNumber ?? snapshot.issue.documentId}, issued by the PIONEER Academic Committee`,
    location: SIGNING_LOCATION,
    signingTime,
  });
  const xml = snapshot.issue.kind === DocumentKind.DIPLOMA ? null : signElmo(renderElmo(snapshot, pdf), identity);
  return { pdf, xml };
}

/** The current record (not issued): the PDF unsigned (it certifies nothing), the ELMO signed as the schema requires. */
export async function renderCurrentRecord(snapshot: DocumentSnapshot, identity: SigningIdentity | null): Promise<RenderedDocument> {
  const pdf = await renderPdf(buildTranscript(snapshot, true));
  const elmo = renderElmo(snapshot, pdf, true);
  return { pdf, xml: identity ? signElmo(elmo, identity) : elmo };
}
