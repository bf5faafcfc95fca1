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

/** Where a render's time went, in ms: the text and the PDF; the PAdES and XML-DSig signatures with the ELMO. */
export interface RenderTimings {
  renderMs: number;
  signMs: number;
}

/** Where the documents are signed: the seat of the coordinating university (§5 (3)). */
export const SIGNING_LOCATION = 'Leuven, Belgium';

export async function renderIssuedDocument(snapshot: DocumentSnapshot, identity: SigningIdentity, signingTime: Date = new Date(), timings?: RenderTimings): Promise<RenderedDocument> {
  const t0 = performance.now();
  const model = buildModel(snapshot);
  const unsigned = await renderPdf(model);
  const t1 = performance.now();
  const pdf = await signPdfDocument(unsigned, identity, {
    reason: `${model.title} ${snapshot.issue.documentNumber ?? snapshot.issue.documentId}, issued by the PIONEER Academic Committee`,
    location: SIGNING_LOCATION,
    signingTime,
  });
  const xml = snapshot.issue.kind === DocumentKind.DIPLOMA ? null : signElmo(renderElmo(snapshot, pdf), identity);
  if (timings) {
    // The cohort benchmark's "render" and "sign" stages (one task per worker at a time: wall time is the worker's CPU).
    timings.renderMs += t1 - t0;
    timings.signMs += performance.now() - t1;
  }
  return { pdf, xml };
}

/** The current record (not issued): the PDF unsigned (it certifies nothing), the ELMO signed as the schema requires. */
export async function renderCurrentRecord(snapshot: DocumentSnapshot, identity: SigningIdentity | null): Promise<RenderedDocument> {
  const pdf = await renderPdf(buildTranscript(snapshot, true));
  const elmo = renderElmo(snapshot, pdf, true);
  return { pdf, xml: identity ? signElmo(elmo, identity) : elmo };
}
