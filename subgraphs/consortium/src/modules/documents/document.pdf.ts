/**
 * Document model → PDF, with pdfmake (on PDFKit). Layout only: every word comes from the model.
 * Tables break across pages and repeat their header row; every page carries "Page n of m" and
 * the document's number, version and issue date.
 */
import { createRequire } from 'node:module';
import type PdfPrinter from 'pdfmake';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces.js';
import type { DocSection, DocTable, DocumentModel } from './document.model.js';

const require = createRequire(import.meta.url);

let printer: Promise<PdfPrinter> | null = null;
/**
 * pdfmake (with PDFKit, fontkit and brotli) is loaded at the first document rendered, not at every
 * start of the consortium: about a quarter of a second of CPU on the path of every restart (issue 16).
 */
function pdfPrinter(): Promise<PdfPrinter> {
  printer ??= import('pdfmake').then(({ default: Printer }) => {
    // Roboto, shipped with pdfmake: it has every letter of the students' names (ı, ø, é, …),
    // which the PDF standard fonts do not.
    const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
    const font = (name: string) => Buffer.from(vfs[name]!, 'base64');
    return new Printer({
      Roboto: { normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'), italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf') },
    });
  });
  return printer;
}

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#9aa5b1';

function table(t: DocTable): Content[] {
  const header: TableCell[] = t.columns.map((c) => ({ text: c, style: 'th' }));
  return [
    { text: t.caption, style: 'caption' },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: t.widths, body: [header, ...t.rows.map((r) => r.map((cell) => ({ text: cell, style: 'td' })))] },
      layout: {
        hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
        vLineWidth: () => 0,
        hLineColor: () => RULE,
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
      margin: [0, 0, 0, 8],
    },
  ];
}

function sectionContent(s: DocSection, level = 1): Content[] {
  const out: Content[] = [];
  if (s.heading) out.push({ text: s.number ? `${s.number}  ${s.heading}` : s.heading, style: s.number ? (level === 1 ? 'h2' : 'h3') : 'name', headlineLevel: 1 });
  if (s.fields.length) {
    out.push({
      table: { widths: [150, '*'], body: s.fields.map((f) => [{ text: f.label, style: 'label' }, { text: f.value, style: 'value' }]) },
      layout: 'noBorders',
      margin: [0, 0, 0, 6],
    });
  }
  for (const p of s.paragraphs) out.push({ text: p, style: 'p' });
  for (const t of s.tables) out.push(...table(t));
  for (const part of s.parts) out.push(...sectionContent(part, level + 1));
  return out;
}

/**
 * The joint diploma: one A4 page, everything centred, the three awarding institutions at the
 * head, the graduate's name large, the degree, the date and place of conferral, then the three
 * rectors and the chair with room to sign, the seal, and the verification code at the foot.
 */
function diplomaDefinition(model: DocumentModel): TDocumentDefinitions {
  const holder = model.sections[0]!;
  const field = (label: string) => holder.fields.find((f) => f.label === label)?.value ?? '';
  const signer = (p: DocumentModel["signatures"][number]): Content => ({
    stack: [
      { canvas: [{ type: 'line', x1: 10, y1: 56, x2: 150, y2: 56, lineWidth: 0.5, lineColor: RULE }] },
      { text: p.name, style: 'value', alignment: 'center', margin: [0, 3, 0, 0] },
      { text: p.role === 'Rector' ? `Rector, ${p.institution}` : `${p.role}`, style: 'small', alignment: 'center' },
    ],
    width: 160,
  }) as Content;
  const rectors = model.signatures.filter((p) => p.role === 'Rector');
  const others = model.signatures.filter((p) => p.role !== 'Rector');
  return {
    pageSize: 'A4',
    pageMargins: [50, 56, 50, 40],
    info: { title: `${model.title} ${model.documentNumber ?? model.documentId ?? ''}`.trim(), author: 'PIONEER Academic Committee', creator: 'PIONEER federation hub', producer: 'PIONEER federation hub (pdfmake)' },
    content: [
      { text: 'KU LEUVEN  \u00b7  UNIVERSITY OF MÜNSTER  \u00b7  TALLINN UNIVERSITY OF TECHNOLOGY', alignment: 'center', fontSize: 10, characterSpacing: 1.2, color: MUTED },
      { canvas: [{ type: 'line', x1: 150, y1: 8, x2: 345, y2: 8, lineWidth: 0.8, lineColor: RULE }], margin: [0, 0, 0, 26] },
      { text: 'Joint Degree Master\u2019s Diploma', alignment: 'center', fontSize: 26, bold: true, margin: [0, 0, 0, 4] },
      { text: 'Erasmus Mundus Joint Master PIONEER', alignment: 'center', fontSize: 11, color: MUTED, margin: [0, 0, 0, 34] },
      { text: model.preamble.join(' '), alignment: 'center', fontSize: 11.5, margin: [40, 0, 40, 18], lineHeight: 1.3 },
      { text: holder.heading, alignment: 'center', fontSize: 24, bold: true, margin: [0, 0, 0, 6] },
      { text: `born on ${field('Born')}`, alignment: 'center', fontSize: 11.5, margin: [0, 0, 0, 18] },
      { text: holder.paragraphs[0] ?? '', alignment: 'center', fontSize: 11.5, margin: [40, 0, 40, 10], lineHeight: 1.3 },
      { text: field('Title'), alignment: 'center', fontSize: 15, bold: true, margin: [0, 4, 0, 20] },
      { text: holder.paragraphs[1] ?? '', alignment: 'center', fontSize: 11.5, margin: [0, 0, 0, 20] },
      { columns: [{ width: '*', text: '' }, ...rectors.map(signer), { width: '*', text: '' }], columnGap: 8, margin: [0, 0, 0, 8] } as Content,
      {
        columns: [
          { width: '*', text: '' },
          ...others.map(signer),
          { width: 90, stack: [{ canvas: [{ type: 'ellipse', x: 45, y: 40, r1: 38, r2: 38, lineWidth: 0.5, lineColor: RULE, dash: { length: 3 } }] }, { text: 'Seal', style: 'small', alignment: 'center' }] },
          { width: '*', text: '' },
        ],
        columnGap: 24,
        margin: [0, 6, 0, 0],
      } as Content,
      ...(model.verifyUrl
        ? [
            {
              columns: [
                { width: '*', text: '' },
                { qr: model.verifyUrl, fit: 56, width: 62 },
                { width: 'auto', stack: [{ text: `No. ${model.documentNumber ?? model.documentId}`, style: 'small' }, { text: `Verify: ${model.verifyUrl}`, style: 'small', link: model.verifyUrl }], margin: [4, 16, 0, 0] },
                { width: '*', text: '' },
              ],
              absolutePosition: { x: 50, y: 760 },
            } as Content,
          ]
        : []),
    ],
    defaultStyle: { font: 'Roboto', fontSize: 10, color: INK },
    styles: { value: { fontSize: 10 }, small: { fontSize: 7.5, color: MUTED } },
  };
}

export function pdfDefinition(model: DocumentModel): TDocumentDefinitions {
  if (model.kind === 'DIPLOMA') return diplomaDefinition(model);
  // Room to sign by hand (about 2.5 cm above each line) and a marked place for the seal (§17 (2), §18 (1)).
  const signatures: Content[] = model.signatures.length
    ? [
        {
          stack: [
            { text: 'Signatures', style: 'h2', margin: [0, 14, 0, 4] },
            {
              columns: model.signatures.map((p) => ({
                stack: [
                  { canvas: [{ type: 'line', x1: 0, y1: 72, x2: 140, y2: 72, lineWidth: 0.5, lineColor: RULE }] },
                  { text: p.name, style: 'value', margin: [0, 2, 0, 0] },
                  { text: `${p.role}, ${p.institution}`, style: 'small' },
                ],
              })),
              columnGap: 12,
            },
            {
              columns: [
                { width: '*', text: '' },
                {
                  width: 110,
                  stack: [
                    { canvas: [{ type: 'ellipse', x: 55, y: 50, r1: 50, r2: 50, lineWidth: 0.5, lineColor: RULE, dash: { length: 3 } }] },
                    { text: 'Seal', style: 'small', alignment: 'center', margin: [0, 2, 0, 0] },
                  ],
                },
              ],
              margin: [0, 10, 0, 0],
            },
          ],
          unbreakable: true,
        } as Content,
      ]
    : [];
  // The verification address as a QR code (pdfmake's own QR encoder) and in words, for the employer holding the paper.
  const verification: Content[] = model.verifyUrl
    ? [
        {
          columns: [
            { qr: model.verifyUrl, fit: 72, width: 80, eccLevel: 'M' } as Content,
            {
              stack: [
                { text: `Document number ${model.documentNumber ?? model.documentId}`, style: 'value' },
                { text: 'Check that this document is valid and unchanged:', style: 'small', margin: [0, 2, 0, 0] },
                { text: model.verifyUrl, style: 'small', link: model.verifyUrl },
                { text: 'The PDF carries the Academic Committee’s digital signature.', style: 'small' },
              ],
              margin: [6, 10, 0, 0],
            },
          ],
          margin: [0, 16, 0, 0],
          unbreakable: true,
        } as Content,
      ]
    : [];
  return {
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    info: { title: `${model.title} ${model.documentNumber ?? model.documentId ?? ''}`.trim(), author: 'PIONEER Academic Committee', creator: 'PIONEER federation hub', producer: 'PIONEER federation hub (pdfmake)' },
    header: (page: number) => (page > 1 ? { text: `${model.title} \u2014 ${model.subtitle}`, style: 'small', margin: [50, 30, 50, 0] } : null) as Content,
    footer: (page: number, pages: number) => ({
      columns: [
        { text: model.footerNote, style: 'small' },
        { text: `Page ${page} of ${pages}`, style: 'small', alignment: 'right', width: 80 },
      ],
      margin: [50, 20, 50, 0],
    }),
    content: [
      { text: model.title, style: 'title' },
      { text: model.subtitle, style: 'subtitle' },
      ...model.preamble.map((p): Content => ({ text: p, style: 'p' })),
      ...model.sections.flatMap(sectionContent),
      ...signatures,
      ...verification,
    ],
    // A heading never ends a page alone.
    pageBreakBefore: (node, following) => Boolean(node.headlineLevel === 1 && following.length > 0 && following[0]!.startPosition.pageNumber !== node.startPosition.pageNumber),
    defaultStyle: { font: 'Roboto', fontSize: 9, color: INK, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 11, color: MUTED, margin: [0, 0, 0, 12] },
      name: { fontSize: 16, bold: true, margin: [0, 12, 0, 8] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] },
      caption: { fontSize: 9, bold: true, margin: [0, 6, 0, 3] },
      th: { fontSize: 8, bold: true, color: MUTED },
      td: { fontSize: 8.5 },
      label: { fontSize: 8.5, color: MUTED },
      value: { fontSize: 9 },
      p: { fontSize: 9, margin: [0, 0, 0, 6], alignment: 'justify' },
      small: { fontSize: 7.5, color: MUTED },
    },
  };
}

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const pdf = await pdfPrinter();
  return new Promise((resolve, reject) => {
    const doc = pdf.createPdfKitDocument(pdfDefinition(model));
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
