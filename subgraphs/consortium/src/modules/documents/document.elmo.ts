/**
 * Snapshot → ELMO XML (EMREX, schema v1 in ../../../standards/elmo): the transcript and the
 * Diploma Supplement for exchange with other institutions. One <report> per university, issued
 * by it, with its courses / modules and its grading scheme; the joint degree (with the thesis and
 * the Diploma Supplement) sits in KU Leuven's report, the consortium's coordinator (§5 (3)),
 * which issues the documents for the Academic Committee.
 */
import { THESIS_CREDITS, type UniversityCode } from '@pioneer/shared/regulations';
import { buildDiplomaSupplement, gradingTables, type DocSection, type DocTable } from './document.model.js';
import { academicTerm } from './academic-term.js';
import { DocumentKind, finalExaminationDate, type CourseLine, type DocumentSnapshot, type RecordSnapshot, type ThesisLine } from './document.snapshot.js';
import { PROGRAMME, institution } from './document.texts.js';

const ELMO_NS = 'https://github.com/emrex-eu/elmo-schemas/tree/v1';
/** Our extension elements (ELMO `extension` takes elements of any other namespace). */
const PIONEER_NS = 'urn:pioneer:elmo-extension:1';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A tiny element writer: el('a', {x: '1'}, [children]) or el('a', {}, 'text'). */
function el(name: string, attrs: Record<string, string | undefined>, body?: string | (string | null)[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(v!)}"`)
    .join('');
  if (body === undefined) return `<${name}${a}/>`;
  const inner = Array.isArray(body) ? body.filter((b): b is string => b !== null).join('') : xmlEscape(body);
  return `<${name}${a}>${inner}</${name}>`;
}

const SCALE_ID: Record<UniversityCode, string> = { LEUVEN: 'kuleuven-0-20', MUENSTER: 'muenster-1.0-5.0', TTU: 'taltech-0-5' };

function tableText(t: DocTable): string {
  return [t.caption, t.columns.join(' | '), ...t.rows.map((r) => r.join(' | '))].join('\n');
}

/** `ended`: an issued transcript after exmatriculation (§15 (5)): an unfinished course is failed, never "in progress". */
function status(c: CourseLine, ended: boolean): 'passed' | 'failed' | 'in-progress' | null {
  if (c.completed || c.recognised) return 'passed';
  if (c.permanentlyFailed) return 'failed';
  // Courses the student never took are not part of their record.
  if (c.attempts.length === 0) return null;
  return ended ? 'failed' : 'in-progress';
}

function courseLos(c: CourseLine, cohort: number, ended: boolean): string | null {
  const s = status(c, ended);
  if (!s) return null;
  const term = academicTerm(cohort, c.semester);
  const lastExam = c.attempts.map((a) => a.examinedOn).reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);
  const date = c.recognition?.decidedOn ?? lastExam;
  const attempts = c.attempts.map((a) => `${a.component}, attempt ${a.attempt}, ${a.examinedOn}: ${a.points ?? a.status} ${a.localGrade ?? ''} ${a.outcome === 'PASSED' ? 'passed' : 'failed'}`.replace(/\s+/g, ' '));
  const description = [
    c.recognition ? `Recognised prior learning (§13): decision ${c.recognition.decisionReference} of ${c.recognition.decidedOn}; the credits were not earned in this programme.` : null,
    attempts.length ? `Examination attempts: ${attempts.join('; ')}.` : null,
  ].filter((d): d is string => d !== null);
  return el('learningOpportunitySpecification', {}, [
    el('identifier', { type: 'local' }, c.code),
    el('title', { 'xml:lang': 'en' }, c.title),
    el('type', {}, c.university === 'MUENSTER' ? 'Module' : 'Course'),
    description.length ? el('description', { 'xml:lang': 'en' }, description.join('\n')) : null,
    el('specifies', {}, [
      el('learningOpportunityInstance', {}, [
        el('start', {}, term.start),
        date ? el('date', {}, date) : null,
        el('academicTerm', {}, [el('title', { 'xml:lang': 'en' }, term.title), el('start', {}, term.start), el('end', {}, term.end)]),
        el('status', {}, s),
        c.localGrade ? el('gradingSchemeLocalId', {}, SCALE_ID[c.university]) : null,
        c.localGrade ? el('resultLabel', {}, c.localGrade) : null,
        s === 'passed' ? el('credit', {}, [el('scheme', {}, 'ects'), el('value', {}, String(c.credits))]) : null,
        el('languageOfInstruction', {}, 'en'),
        c.recognition
          ? el('extension', {}, [el('pioneer:recognition', { 'xmlns:pioneer': PIONEER_NS, section: '§13', decisionReference: c.recognition.decisionReference, decidedOn: c.recognition.decidedOn }, [])])
          : null,
      ]),
    ]),
  ]);
}

/** Every thesis attempt (§15 (2)), each its own learning opportunity. */
function thesisLos(t: ThesisLine, ended: boolean): string {
  const s = t.state === 'PASSED' ? 'passed' : t.state === 'FAILED' || t.state === 'PERMANENTLY_FAILED' || ended ? 'failed' : 'in-progress';
  return el('learningOpportunitySpecification', {}, [
    el('identifier', { type: 'local' }, `PIONEER-THESIS-${t.attempt}`),
    el('title', { 'xml:lang': 'en' }, `Master thesis and its defence, attempt ${t.attempt}: ${t.title}`),
    el('type', {}, 'Module'),
    el('specifies', {}, [
      el('learningOpportunityInstance', {}, [
        t.defendedOn ? el('date', {}, t.defendedOn) : null,
        el('status', {}, s),
        t.grade ? el('gradingSchemeLocalId', {}, 'pioneer-overall') : null,
        t.grade ? el('resultLabel', {}, t.grade) : null,
        s === 'passed' ? el('credit', {}, [el('scheme', {}, 'ects'), el('value', {}, String(THESIS_CREDITS))]) : null,
        el('languageOfInstruction', {}, 'en'),
      ]),
    ]),
  ]);
}

function supplementSection(s: DocSection): string {
  return el('section', { number: s.number }, [
    el('title', {}, s.heading),
    s.paragraphs.length ? el('content', {}, s.paragraphs.join('\n\n')) : null,
    ...s.tables.map((t) => el('additionalInformation', {}, tableText(t))),
    ...s.fields.map((f) => {
      const [number, ...title] = f.label.split(' ');
      return el('section', { number: number! }, [el('title', {}, title.join(' ')), el('content', {}, f.value)]);
    }),
    ...s.parts.map(supplementSection),
  ]);
}

function diplomaSupplementXml(snapshot: DocumentSnapshot): string {
  const model = buildDiplomaSupplement(snapshot);
  return el('diplomaSupplement', { 'xml:lang': 'en' }, [el('version', {}, '2018'), el('issueDate', {}, snapshot.issue.issuedOn), el('introduction', {}, model.preamble.join(' ')), ...model.sections.map(supplementSection)]);
}

function degreeLos(snapshot: DocumentSnapshot): string {
  const { record } = snapshot;
  // ELMO: ECTS credits sit on the node that earned them, never also on an ancestor; the thesis (a
  // part of the degree) carries its own, so the degree states the total in words only.
  const finished = finalExaminationDate(record);
  return el('learningOpportunitySpecification', {}, [
    el('identifier', { type: 'local' }, 'PIONEER'),
    el('title', { 'xml:lang': 'en' }, PROGRAMME.qualification),
    el('type', {}, 'Degree Programme'),
    el('description', { 'xml:lang': 'en' }, `${PROGRAMME.programme}. Joint degree of KU Leuven, the University of Münster and Tallinn University of Technology; ${record.progression.totalCredits} ECTS credits.`),
    el('specifies', {}, [
      el('learningOpportunityInstance', {}, [
        el('start', {}, `${record.student.cohort}-09-01`),
        // The degree is obtained on the day of the final examination, not on the day the documents are issued.
        finished ? el('date', {}, finished) : null,
        el('status', {}, 'passed'),
        record.overall ? el('gradingSchemeLocalId', {}, 'pioneer-overall') : null,
        record.overall ? el('resultLabel', {}, record.overall.grade) : null,
        el('level', {}, [el('type', {}, 'EQF'), el('value', {}, '7')]),
        el('languageOfInstruction', {}, 'en'),
        diplomaSupplementXml(snapshot),
      ]),
    ]),
    record.theses.length ? el('hasPart', {}, record.theses.map((t) => thesisLos(t, false))) : null,
  ]);
}

function gradingScheme(localId: string, table: DocTable): string {
  return el('gradingScheme', { localId }, [el('description', { 'xml:lang': 'en' }, tableText(table))]);
}

const ATTACHMENT_TYPE: Record<string, string> = { DIPLOMA_SUPPLEMENT: 'Diploma Supplement', TRANSCRIPT_OF_RECORDS: 'Transcript of Records' };

/**
 * ELMO for the Diploma Supplement or a transcript of records, with the PDF attached (the ELMO
 * schema asks for the official document as an attachment). Unsigned: signing/elmo-signature.ts
 * appends the signature. `current`: the current record (not issued), which is still in progress.
 */
export function renderElmo(snapshot: DocumentSnapshot, pdf: Buffer, current = false): string {
  const { record, issue } = snapshot;
  if (issue.kind === DocumentKind.DIPLOMA) throw new Error('The diploma has no ELMO form');
  const ended = !current && issue.kind === DocumentKind.TRANSCRIPT_OF_RECORDS;
  const [leuvenTable, muensterTable, ttuTable, overallTable] = gradingTables();
  const tables: Record<UniversityCode, DocTable> = { LEUVEN: leuvenTable!, MUENSTER: muensterTable!, TTU: ttuTable! };
  const issued = `${issue.issuedOn}T00:00:00Z`;
  const reports = record.universities.map((u) => {
    const inst = institution(u.university);
    const isCoordinator = u.university === 'LEUVEN';
    const los: (string | null)[] = u.courses.map((c) => courseLos(c, record.student.cohort, ended));
    if (isCoordinator) {
      if (issue.kind === DocumentKind.DIPLOMA_SUPPLEMENT) los.unshift(degreeLos(snapshot));
      else los.push(...record.theses.map((t) => thesisLos(t, ended)));
    }
    return el('report', {}, [
      el('issuer', {}, [
        el('country', {}, inst.countryCode),
        el('identifier', { type: 'schac' }, inst.schac),
        el('title', { 'xml:lang': 'en' }, inst.name),
        el('title', {}, inst.originalName),
        el('url', {}, inst.url),
      ]),
      ...los,
      el('issueDate', {}, issued),
      gradingScheme(SCALE_ID[u.university], tables[u.university]),
      isCoordinator && record.theses.length ? gradingScheme('pioneer-overall', overallTable!) : null,
    ]);
  });
  const learnerIds = record.universities.filter((u) => u.studentNumber).map((u) => el('identifier', { type: `${institution(u.university).schac}:studentNumber` }, u.studentNumber!));
  const number = issue.documentNumber ?? issue.documentId;
  const attachment = el('attachment', {}, [
    number ? el('identifier', { type: 'pioneer-document-number' }, number) : null,
    el('title', { 'xml:lang': 'en' }, current ? 'Current record (not an official transcript)' : `${ATTACHMENT_TYPE[issue.kind]} ${number}`),
    el('type', {}, current ? 'Other' : ATTACHMENT_TYPE[issue.kind]!),
    el('content', {}, `data:application/pdf;base64,${pdf.toString('base64')}`),
  ]);
  const body = el('elmo', { xmlns: ELMO_NS }, [
    el('generatedDate', {}, issued),
    el('learner', {}, [
      el('identifier', { type: 'pioneer' }, record.student.id),
      ...learnerIds,
      el('givenNames', {}, record.student.givenName),
      el('familyName', {}, record.student.familyName),
      el('bday', {}, record.student.dateOfBirth),
      el('placeOfBirth', {}, record.student.placeOfBirth),
    ]),
    ...reports,
    attachment,
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}
