/**
 * Reading generated documents back in tests: the text of a PDF (pdfjs, as a PDF reader sees it)
 * and ELMO XML validated against the committed schema (libxml2 in wasm, no network, no apt).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateElmoSchema } from '../../subgraphs/consortium/src/modules/recognition-import/elmo.schema.js';

/** ELMO XML against the committed schema, with the validator the hub's ELMO import uses. */
export async function validateElmo(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateElmoSchema(xml);
  return { valid: result.valid, errors: result.errors.map((e) => `${e.line ?? '?'}: ${e.message}`) };
}

/** The text of each page, lines joined as pdfjs reports them. */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
    }
    pages.push(text);
  }
  await doc.destroy();
  return pages;
}

/** All text of a PDF with whitespace runs collapsed, for "contains" checks across line breaks. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
}

const run = promisify(execFile);

async function withTempFile<T>(name: string, bytes: Uint8Array | string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pioneer-doc-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * poppler's pdfsig, an independent verifier (Debian package poppler-utils): the signature's
 * validity line and its type. The demo certificate is self-signed, so the certificate line is
 * about trust, not about the signature.
 */
export async function pdfsig(pdf: Uint8Array): Promise<{ valid: boolean; type: string | null; signer: string | null; whole: boolean; output: string }> {
  return withTempFile('document.pdf', pdf, async (file) => {
    let output: string;
    try {
      output = (await run('pdfsig', [file])).stdout;
    } catch (e) {
      // pdfsig exits non-zero for an invalid signature; its report is still on stdout.
      output = String((e as { stdout?: string }).stdout ?? '');
    }
    return {
      valid: /Signature Validation: Signature is Valid\./.test(output),
      type: /Signature Type: (.+)/.exec(output)?.[1]?.trim() ?? null,
      signer: /Signer Certificate Common Name: (.+)/.exec(output)?.[1]?.trim() ?? null,
      whole: /Total document signed/.test(output),
      output,
    };
  });
}

/** xmlsec1 (Debian package xmlsec1), an independent XML-DSig verifier, trusting the given certificate. */
export async function xmlsec1Verify(xml: string, certificatePem: string): Promise<boolean> {
  return withTempFile('document.xml', xml, (file) =>
    withTempFile('cert.pem', certificatePem, async (cert) => {
      try {
        await run('xmlsec1', ['--verify', '--trusted-pem', cert, '--enabled-key-data', 'x509', file]);
        return true;
      } catch {
        return false;
      }
    }),
  );
}
