/**
 * Worker thread (piscina): render and sign one document. The signing identity arrives once per
 * worker as workerData; documents arrive as plain snapshots and leave as bytes.
 */
import { workerData } from 'node:worker_threads';
import { renderCurrentRecord, renderIssuedDocument, type RenderTimings } from '../document.render.js';
import type { DocumentSnapshot } from '../document.snapshot.js';
import { parseIdentityPem } from '../signing/signing-identity.js';

const identity = parseIdentityPem((workerData as { identityPem: string }).identityPem);

export default async function render(task: { snapshot: DocumentSnapshot; current?: boolean }): Promise<{ pdf: Uint8Array; xml: string | null; timings: RenderTimings }> {
  const timings: RenderTimings = { renderMs: 0, signMs: 0 };
  const { pdf, xml } = task.current ? await renderCurrentRecord(task.snapshot, identity) : await renderIssuedDocument(task.snapshot, identity, new Date(), timings);
  return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), xml, timings };
}
