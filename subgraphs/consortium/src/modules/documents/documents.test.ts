import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSignatories } from './academic-committee.js';
import { labelText } from '@pioneer/shared/regulations';
import { syntheticSnapshot, TEST_SIGNATORIES } from '../../../../../scripts/lib/synthetic-documents.js';
import { pdfPages, pdfText, validateElmo } from '../../../../../test/support/documents.js';
import { buildDiploma, buildDiplomaSupplement, buildTranscript, longDate, type DocSection } from './document.model.js';
import { renderElmo } from './document.elmo.js';
import { renderPdf } from './document.pdf.js';
import { DocumentKind, recordFingerprint, recordSnapshot } from './document.snapshot.js';
import { documentStatus, isLegacyRecord, legacyRecordShape } from './document.service.js';

/** Builders and renderers on synthetic snapshots: no database, no network. */
const supplement = syntheticSnapshot(7, DocumentKind.DIPLOMA_SUPPLEMENT);
/** The schema does not look inside the attachment; the signing tests attach a real one. */
const FAKE_PDF = Buffer.from('%PDF-1.3 test');
const failed = syntheticSnapshot(8, DocumentKind.TRANSCRIPT_OF_RECORDS, { failed: true });

describe('Diploma Supplement model (§18)', () => {
  const model = buildDiplomaSupplement(supplement);

  it('has the eight sections of the model, in order', () => {
    expect(model.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('identifies the holder with each university’s student number', () => {
    const values = Object.fromEntries(model.sections[0]!.fields.map((f) => [f.label, f.value]));
    expect(values['1.1 Family name(s)']).toBe('Østergaard-7');
    expect(values['1.3 Date and place of birth']).toBe('29 February 2000, Izmir, Türkiye');
    for (const u of supplement.record.universities) expect(values['1.4 Student identification number(s)']).toContain(`${u.universityName}: ${u.studentNumber}`);
  });

  it('lists every course with its points, local grade and label, recognised ones as such', () => {
    const part = (n: string) => model.sections[3]!.parts.find((p) => p.number === n)!;
    const rows = part('4.3').tables.slice(0, 3).flatMap((t) => t.rows);
    const courses = supplement.record.universities.flatMap((u) => u.courses);
    expect(rows).toHaveLength(17);
    for (const c of courses) {
      const row = rows.find((r) => r[0] === c.code)!;
      expect(row.slice(1, 6)).toEqual([c.title, String(c.semester), String(c.credits), String(c.score), c.localGrade]);
      expect(row[6]).toBe(c.recognised ? `Recognised (§13), ${labelText(c.label!)}` : labelText(c.label!));
    }
    expect(rows.some((r) => r[6]!.startsWith('Recognised'))).toBe(supplement.record.universities.some((u) => u.courses.some((c) => c.recognised)));
  });

  it('section 4 in the model’s order: 4.3 the course and thesis tables, 4.4 every row of each §16 table and the ECTS grading tables, 4.5 the classification', () => {
    const s4 = model.sections[3]!;
    expect(s4.parts.map((p) => p.number)).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5']);
    const [p41, , p43, p44, p45] = s4.parts as [DocSection, DocSection, DocSection, DocSection, DocSection];
    expect(p41.paragraphs.join(' ')).toContain('Period of study: 1 September 2024 (intake) to 30 June 2026 (final examination).');
    const thesis = supplement.record.theses[0]!;
    expect(p43.tables.map((t) => t.caption)).toEqual([expect.stringContaining('KU Leuven'), expect.stringContaining('Münster'), expect.stringContaining('TalTech'), expect.stringContaining('Master thesis')]);
    expect(p43.tables[3]!.rows[0]).toEqual(['1', thesis.title, longDate(thesis.defendedOn!), String(thesis.score), thesis.grade, labelText(thesis.label!)]);
    // Every row of the Münster table, none run together (90-94 → 1.3 and 95-100 → 1.0).
    const muenster = p44.tables.find((t) => t.caption.startsWith('University of Münster'))!;
    expect(muenster.rows).toHaveLength(11);
    expect(muenster.rows.slice(0, 2)).toEqual([['95-100', '1.0', 'Excellent'], ['90-94', '1.3', 'Excellent']]);
    expect(muenster.rows.at(-1)).toEqual(['0-49', '5.0', 'Fail']);
    // The ECTS grading tables: passing grades of the reference group, percentages adding up to 100.
    const ects = p44.tables.filter((t) => t.caption.startsWith('ECTS grading table'));
    expect(ects).toHaveLength(4);
    const m = ects[1]!;
    expect(m.caption).toContain('reference group the passing course / module grades given at this university to the intake 2024');
    expect(m.rows.map((r) => r[0])).toEqual(['1.0', '1.3', '1.7', '2.0', '2.3', '2.7', '3.0', '3.3', '3.7', '4.0']);
    const counts = supplement.issue.gradeDistribution!.grades.MUENSTER;
    expect(m.rows.map((r) => Number(r[1]))).toEqual(m.rows.map((r) => counts[r[0]!] ?? 0));
    expect(m.rows.at(-1)![3]).toBe('100.0 %');
    const total = m.rows.reduce((sum, r) => sum + Number(r[1]), 0);
    expect(m.rows[0]![2]).toBe(`${(Math.round((Number(m.rows[0]![1]) * 1000) / total) / 10).toFixed(1)} %`);
    const o = supplement.record.overall!;
    expect(p45.paragraphs[0]).toBe(`${o.grade} out of 20 (${labelText(o.label)}), ${o.points} points out of 100 (§16 (4))`);
  });

  it('has the model’s introduction with its closing sentences, the diploma’s number and no claim about the Flemish database', () => {
    expect(model.preamble.join(' ')).toContain('Where information is not provided, an explanation should give the reason why.');
    const s61 = model.sections[5]!.fields[0]!.value;
    expect(s61).toContain('accompanies the joint degree Master’s diploma no. PIONEER-DIP-2024-0007');
    expect(s61).toContain('This supplement does not certify that registration.');
    expect(s61).not.toMatch(/is (also )?stored in the Flemish/);
    expect(model.sections[7]!.paragraphs[2]).toContain('5 (A, excellent), 4 (B, very good), 3 (C, good), 2 (D, satisfactory), 1 (E, sufficient) and 0 (F, fail)');
  });

  it('names the State Document (§18 (2)), the signatories from configuration and three national systems', () => {
    expect(model.sections[5]!.fields[0]!.value).toContain('State Document');
    const signatures = model.sections[6]!.fields.find((f) => f.label === '7.2 Signatures')!.value;
    for (const m of TEST_SIGNATORIES.members) expect(signatures).toContain(m.name);
    expect(signatures.split('\n')).toHaveLength(3);
    expect(model.sections[7]!.paragraphs.map((p) => p.split('.')[0])).toEqual(['Belgium (Flemish Community)', 'Germany', 'Estonia']);
  });
});

describe('joint diploma (§17) and transcripts (§15 (5))', () => {
  it('the diploma states the name, birth, the three universities, degree, title and overall grade', () => {
    const d = buildDiploma(syntheticSnapshot(7, DocumentKind.DIPLOMA));
    const text = JSON.stringify(d);
    for (const s of ['Yağmur Chloé Østergaard-7', '29 February 2000 in Izmir, Türkiye', 'KU Leuven', 'University of Münster', 'Tallinn University of Technology', 'Master of Science (M.Sc.)']) expect(text).toContain(s);
    expect(d.sections[0]!.fields.find((f) => f.label === 'Overall grade')!.value).toContain(`${supplement.record.overall!.grade} out of 20`);
  });

  it('the transcript of a permanent failure shows the failed module and the exmatriculation certificate', () => {
    const t = buildTranscript(failed);
    const rows = t.sections[1]!.tables.flatMap((x) => x.rows);
    // §15 (5): every attempt with date, points, local grade (5.0 at Münster, §16 (1)) and result, then the module's result.
    expect(rows.filter((r) => r[0] === 'MS-SCEG').map((r) => r.slice(3))).toEqual([
      ['Written examination', '1', '2025-07-10', '38', '5.0', 'Fail'],
      ['Written examination', '2', '2025-09-22', '44', '5.0', 'Fail'],
      ['Course result', '', '', '44', '5.0', 'Permanently failed (§15 (4))'],
    ]);
    const ttu = failed.record.universities[2]!.courses;
    // Graded TalTech courses are listed with their attempt; nothing is "in progress" after exmatriculation.
    const graded = ttu.filter((c) => c.state === 'COMPLETED');
    const unfinished = ttu.find((c) => c.state === 'FAILED_RETAKE_POSSIBLE')!;
    const untouched = ttu.find((c) => c.state === 'NOT_STARTED')!;
    expect(graded).toHaveLength(4);
    for (const c of graded) expect(rows.filter((r) => r[0] === c.code)[0]!.slice(4, 8)).toEqual(['1', '2026-01-15', String(c.score), c.localGrade]);
    expect(rows.find((r) => r[0] === unfinished.code && r[3] === 'Course result')![8]).toBe('Not completed (studies ended)');
    expect(rows.filter((r) => r[0] === untouched.code)).toEqual([[untouched.code, untouched.title, String(untouched.credits), '–', '', '', '–', '–', 'Not taken']]);
    expect(rows.some((r) => r[8] === 'In progress' || r[8] === 'Failed, retake possible')).toBe(false);
    // The current record of the same student, still studying, says so.
    const current = buildTranscript(failed, true).sections[1]!.tables.flatMap((x) => x.rows);
    expect(current.find((r) => r[0] === unfinished.code && r[3] === 'Course result')![8]).toBe('Failed, retake possible');
    expect(t.sections[0]!.fields.find((f) => f.label === 'Certificate of exmatriculation')!.value).toContain('EXM-2026-0042');
    expect(failed.record.overall).toBeNull();
  });

  it('the current record says it is not an issued document', () => {
    const t = buildTranscript(supplement, true);
    expect(t.title).toContain('not an official transcript');
    expect(t.documentId).toBeNull();
    expect(t.signatures).toEqual([]);
  });
});

describe('fingerprint (§21)', () => {
  it('a document issued before attempts were kept is compared in its own shape: unchanged stays ISSUED, a changed score turns OUTDATED', () => {
    const live = syntheticSnapshot(9, DocumentKind.TRANSCRIPT_OF_RECORDS, { failed: true }).record;
    // What such a document stored: no attempts or recognition, no grade on an uncompleted course.
    const stored = JSON.parse(JSON.stringify(legacyRecordShape(live))) as typeof live;
    expect(isLegacyRecord(stored)).toBe(true);
    expect(isLegacyRecord(live)).toBe(false);
    const doc = { revokedOn: null, recordFingerprint: recordFingerprint(stored) };
    expect(documentStatus(doc, recordFingerprint(legacyRecordShape(live)))).toBe('ISSUED');
    expect(documentStatus(doc, recordFingerprint(live))).toBe('OUTDATED');
    live.universities[0]!.courses[0]!.score! += 1;
    expect(documentStatus(doc, recordFingerprint(legacyRecordShape(live)))).toBe('OUTDATED');
  });

  it('changes when one result changes, not when the issue data changes', () => {
    const a = syntheticSnapshot(7, DocumentKind.DIPLOMA_SUPPLEMENT);
    const b = syntheticSnapshot(7, DocumentKind.DIPLOMA, { issuedOn: '2027-01-01' });
    expect(recordFingerprint(a.record)).toBe(recordFingerprint(b.record));
    b.record.universities[1]!.courses[2]!.score! += 1;
    expect(recordFingerprint(a.record)).not.toBe(recordFingerprint(b.record));
  });

  it('issue 11: changes when a course weight (§16 (4)) moves away from its credits, even if no grade moves', () => {
    const course = { university: 'LEUVEN' as const, code: 'LEU-BIS', title: 'BIS', semester: 1, credits: 6, state: 'COMPLETED', completed: true, recognised: false, permanentlyFailed: false, score: 70, localGrade: '14', label: 'GOOD' };
    const snapshot = (overallWeight: number | null) =>
      recordSnapshot({
        student: { id: 's', givenName: 'A', familyName: 'B', dateOfBirth: '2000-01-01', placeOfBirth: 'Ghent', cohort: 2024 },
        records: Object.fromEntries(['LEUVEN', 'MUENSTER', 'TTU'].map((u) => [u, { university: u, enrolled: true, courses: u === 'LEUVEN' ? [{ ...course, overallWeight }] : [] }])) as never,
        theses: [],
        progression: { status: 'GRADUATED' } as never,
        overall: null,
      });
    // The default weight (its credits) leaves the fingerprint of earlier documents as it was.
    expect(recordFingerprint(snapshot(6))).toBe(recordFingerprint(snapshot(null)));
    expect(recordFingerprint(snapshot(7))).not.toBe(recordFingerprint(snapshot(6)));
  });
});

describe('the joint diploma’s face (§17)', () => {
  it('is one page naming the three awarding institutions, the date and place of conferral, the rectors and the chair, with no § citation', async () => {
    const snapshot = syntheticSnapshot(7, DocumentKind.DIPLOMA);
    const pages = await pdfPages(await renderPdf(buildDiploma(snapshot)));
    expect(pages).toHaveLength(1);
    const text = pages[0]!.replace(/\s+/g, ' ');
    expect(text).not.toContain('§');
    for (const s of ['KU Leuven (Belgium), the University of Münster (Germany) and Tallinn University of Technology (Estonia), the awarding institutions, jointly confer on', 'Yağmur Chloé Østergaard-7', 'Conferred at Leuven on 25 November 2026', 'Master of Science (M.Sc.) in Public Sector Innovation and eGovernance']) expect(text).toContain(s);
    for (const p of [...TEST_SIGNATORIES.rectors, TEST_SIGNATORIES.chair]) expect(text).toContain(p.name);
    expect(text).toContain('No. PIONEER-DIP-2024-0007');
  });

  it('the demo configuration names the rectors, not placeholders', () => {
    const s = loadSignatories(fileURLToPath(new URL('../../../academic-committee.json', import.meta.url)));
    for (const r of s.rectors) expect(r.name).toMatch(/^Prof\. Dr\. [A-Z][a-zäöü]+ [A-Z][a-zäöü]+$/);
  });
});

describe('PDF', () => {
  it('the supplement PDF carries every section, every course line and the page footer', async () => {
    const pdf = await renderPdf(buildDiplomaSupplement(supplement));
    const pages = await pdfPages(pdf);
    const text = (await pdfText(pdf));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      const flat = p.replace(/\s+/g, ' ');
      expect(flat).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(flat).toContain(`version 1, issued 25 November 2026`);
    });
    for (const h of ['1 Information identifying the holder', '2 Information identifying the qualification', '3 Information on the level', '4 Information on the programme completed', '5 Information on the function', '6 Additional information', '7 Certification of the supplement', '8 Information on the national higher education systems']) {
      expect(text).toContain(h);
    }
    for (const c of supplement.record.universities.flatMap((u) => u.courses)) {
      expect(text).toMatch(new RegExp(`${c.code} .*?${c.semester} ${c.credits} ${c.score} ${c.localGrade!.replace('.', '\\.')} `));
    }
    expect(text).toContain('Yağmur Chloé');
  }, 60_000);

  it('a long table repeats its header row on the next page', async () => {
    const model = buildTranscript(supplement, true);
    const big = model.sections[1]!.tables[0]!;
    big.rows = Array.from({ length: 120 }, (_, i) => [`LEU-X${i}`, `Course ${i}`, '6', 'Written examination', '1', '2025-01-20', '70', '14', 'Good']);
    const pages = await pdfPages(await renderPdf(model));
    const withRows = pages.filter((p) => p.includes('LEU-X'));
    expect(withRows.length).toBeGreaterThan(1);
    for (const p of withRows) expect(p.replace(/\s+/g, ' ')).toContain('Code Course / module ECTS Examination Att. Date Points Grade Result');
  }, 60_000);
});

describe('ELMO', () => {
  it('the supplement validates against the ELMO schema', async () => {
    const xml = renderElmo(supplement, FAKE_PDF);
    expect(await validateElmo(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<diplomaSupplement xml:lang="en">');
    for (const c of supplement.record.universities.flatMap((u) => u.courses)) expect(xml).toContain(`<identifier type="local">${c.code}</identifier>`);
  });

  it('the transcript validates and shows the failed module as failed', async () => {
    const xml = renderElmo(failed, FAKE_PDF);
    expect(await validateElmo(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toMatch(/MS-SCEG<\/identifier>.*?<status>failed<\/status>/);
    expect(xml).not.toContain('diplomaSupplement');
  });

  it('the validator does reject an invalid document', async () => {
    const xml = renderElmo(failed, FAKE_PDF).replace('<givenNames>', '<givenName>').replace('</givenNames>', '</givenName>');
    expect((await validateElmo(xml)).valid).toBe(false);
  });
});

describe('Academic Committee configuration (§5 (3), §17 (2))', () => {
  const write = (content: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'committee-')), 'committee.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('reads the committed demo file', () => {
    const s = loadSignatories(fileURLToPath(new URL('../../../academic-committee.json', import.meta.url)));
    expect(s.chair.institution).toBe('KU Leuven');
    expect(s.members.map((m) => m.institution).sort()).toEqual(['KU Leuven', 'TalTech', 'University of Münster']);
    expect(s.rectors).toHaveLength(3);
  });

  it('refuses a committee without one member per university or with a chair from elsewhere', () => {
    expect(() => loadSignatories(write({ ...TEST_SIGNATORIES, members: TEST_SIGNATORIES.members.slice(0, 2) }))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadSignatories(write({ ...TEST_SIGNATORIES, chair: TEST_SIGNATORIES.members[1] }))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadSignatories(write({ ...TEST_SIGNATORIES, rectors: [] }))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(loadSignatories(write(TEST_SIGNATORIES))).toEqual(TEST_SIGNATORIES);
  });
});

describe('gradingScales (§16 (1), (3), (4))', () => {
  it('returns the four tables of the engine with pass marks and every Münster row', async () => {
    await import('reflect-metadata');
    const { gradingScales } = await import('./grading-scales.resolver.js');
    const scales = gradingScales();
    expect(scales.map((s) => [s.scale, s.passMark])).toEqual([['LEUVEN', 50], ['MUENSTER', 50], ['TTU', 51], ['OVERALL', 50]]);
    const muenster = scales.find((s) => s.scale === 'MUENSTER')!;
    expect(muenster.rows.map((r) => r.grade)).toEqual(['1.0', '1.3', '1.7', '2.0', '2.3', '2.7', '3.0', '3.3', '3.7', '4.0', '5.0']);
    expect(muenster.rows.at(-1)).toEqual({ fromPoints: 0, toPoints: 49, grade: '5.0', label: 'FAIL', passing: false });
    expect(scales.find((s) => s.scale === 'TTU')!.rows.at(-1)).toMatchObject({ fromPoints: 0, toPoints: 50, grade: '0', passing: false });
  });
});
