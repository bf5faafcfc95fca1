/**
 * Snapshot → ELMO XML (EMREX, schema v1 in ../../../standards/elmo): the transcript and the
 * Diploma Supplement for exchange with other institutions. One <report> per university, issued
 * by it, with its courses / modules and its grading scheme; the joint degree (with the thesis and
 * the Diploma Supplement) sits in KU Leuven's report, the consortium's coordinator (§5 (3)),
 * which issues the documents for the Academic Committee.
 */
import type { UniversityCode } from '@pioneer/shared/regulations';
import { buildDiplomaSupplement, gradingTables, type DocTable } from './document.model.js';
import { DocumentKind, finalThesis, type CourseLine, type DocumentSnapshot, type RecordSnapshot } from './document.snapshot.js';
import { DS_INTRODUCTION, PROGRAMME, institution } from './document.texts.js';

const ELMO_NS = 'https://github.com/emrex-eu/elmo-schemas/tree/v1';

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

function status(c: CourseLine): 'passed' | 'failed' | 'in-progress' | null {
  if (c.completed || c.recognised) return 'passed';
  if (c.permanentlyFailed || c.state === 'FAILED_RETAKE_POSSIBLE') return 'failed';
  if (c.state === 'IN_PROGRESS') return 'in-progress';
  return null;
}

function courseLos(c: CourseLine): string | null {
  const s = status(c);
  // Courses the student never took are not part of their record.
  if (!s) return null;
  return el('learningOpportunitySpecification', {}, [
    el('identifier', { type: 'local' }, c.code),
    el('title', { 'xml:lang': 'en' }, c.title),
    el('type', {}, c.university === 'MUENSTER' ? 'Module' : 'Course'),
    el('specifies', {}, [
      el('learningOpportunityInstance', {}, [
        el('status', {}, s),
        c.localGrade ? el('gradingSchemeLocalId', {}, SCALE_ID[c.university]) : null,
        c.localGrade ? el('resultLabel', {}, c.localGrade) : null,
        s === 'passed' ? el('credit', {}, [el('scheme', {}, 'ects'), el('value', {}, String(c.credits))]) : null,
        el('languageOfInstruction', {}, 'en'),
      ]),
    ]),
  ]);
}

function thesisLos(record: RecordSnapshot): string | null {
  const t = finalThesis(record);
  if (!t) return null;
  const s = t.state === 'PASSED' ? 'passed' : t.state === 'FAILED' || t.state === 'PERMANENTLY_FAILED' ? 'failed' : 'in-progress';
  return el('learningOpportunitySpecification', {}, [
    el('identifier', { type: 'local' }, 'PIONEER-THESIS'),
    el('title', { 'xml:lang': 'en' }, `Master thesis and its defence: ${t.title}`),
    el('type', {}, 'Module'),
    el('specifies', {}, [
      el('learningOpportunityInstance', {}, [
        t.defendedOn ? el('date', {}, t.defendedOn) : null,
        el('status', {}, s),
        t.grade ? el('gradingSchemeLocalId', {}, SCALE_ID.LEUVEN) : null,
        t.grade ? el('resultLabel', {}, t.grade) : null,
        s === 'passed' ? el('credit', {}, [el('scheme', {}, 'ects'), el('value', {}, '30')]) : null,
        el('languageOfInstruction', {}, 'en'),
      ]),
    ]),
  ]);
}

function diplomaSupplementXml(snapshot: DocumentSnapshot): string {
  const model = buildDiplomaSupplement(snapshot);
  const sections = model.sections.map((s) =>
    el('section', { number: s.number }, [
      el('title', {}, s.heading),
      s.paragraphs.length ? el('content', {}, s.paragraphs.join('\n\n')) : null,
      ...s.tables.map((t) => el('additionalInformation', {}, tableText(t))),
      ...s.fields.map((f) => {
        const [number, ...title] = f.label.split(' ');
        return el('section', { number: number! }, [el('title', {}, title.join(' ')), el('content', {}, f.value)]);
      }),
    ]),
  );
  return el('diplomaSupplement', { 'xml:lang': 'en' }, [el('version', {}, '2018'), el('issueDate', {}, snapshot.issue.issuedOn), el('introduction', {}, DS_INTRODUCTION), ...sections]);
}

function degreeLos(snapshot: DocumentSnapshot): string {
  const { record } = snapshot;
  const thesis = thesisLos(record);
  return el('learningOpportunitySpecification', {}, [
    el('identifier', { type: 'local' }, 'PIONEER'),
    el('title', { 'xml:lang': 'en' }, PROGRAMME.qualification),
    el('type', {}, 'Degree Programme'),
    el('description', { 'xml:lang': 'en' }, `${PROGRAMME.programme}. Joint degree of KU Leuven, the University of Münster and Tallinn University of Technology.`),
    el('specifies', {}, [
      el('learningOpportunityInstance', {}, [
        el('start', {}, `${record.student.cohort}-09-01`),
        el('date', {}, snapshot.issue.issuedOn),
        el('status', {}, 'passed'),
        record.overall ? el('gradingSchemeLocalId', {}, 'pioneer-overall') : null,
        record.overall ? el('resultLabel', {}, record.overall.grade) : null,
        el('credit', {}, [el('scheme', {}, 'ects'), el('level', {}, 'Master'), el('value', {}, String(record.progression.totalCredits))]),
        el('level', {}, [el('type', {}, 'EQF'), el('value', {}, '7')]),
        el('languageOfInstruction', {}, 'en'),
        diplomaSupplementXml(snapshot),
      ]),
    ]),
    thesis ? el('hasPart', {}, [thesis]) : null,
  ]);
}

function gradingScheme(localId: string, table: DocTable): string {
  return el('gradingScheme', { localId }, [el('description', { 'xml:lang': 'en' }, tableText(table))]);
}

/** ELMO for the Diploma Supplement or a transcript of records. */
export function renderElmo(snapshot: DocumentSnapshot): string {
  const { record, issue } = snapshot;
  if (issue.kind === DocumentKind.DIPLOMA) throw new Error('The diploma has no ELMO form');
  const [leuvenTable, muensterTable, ttuTable, overallTable] = gradingTables();
  const tables: Record<UniversityCode, DocTable> = { LEUVEN: leuvenTable!, MUENSTER: muensterTable!, TTU: ttuTable! };
  const issued = `${issue.issuedOn}T00:00:00Z`;
  const reports = record.universities.map((u) => {
    const inst = institution(u.university);
    const isCoordinator = u.university === 'LEUVEN';
    const los: (string | null)[] = u.courses.map(courseLos);
    if (isCoordinator) {
      if (issue.kind === DocumentKind.DIPLOMA_SUPPLEMENT) los.unshift(degreeLos(snapshot));
      else los.push(thesisLos(record));
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
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}
