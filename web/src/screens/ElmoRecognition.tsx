/**
 * Recognition of prior learning from an ELMO file (§13, docs/recognition.md), for the Academic
 * Committee on a student's page: read the file (schema, signature), put it on record, then decide
 * the recognition of one of the student's courses citing the learning opportunities it rests on.
 * The university's office records the credits afterwards, citing the decision (§13 (4)).
 */
import { useState, type FormEvent } from 'react';
import { gql } from '../api';
import type { PreviewElmoImportQuery as Preview } from '../gql/graphql';
import { DecideRecognitionMutation, ImportElmoMutation, PreviewElmoImportQuery } from '../operations';
import { Outcome, today, useAction } from '../ui';

export interface RecognisableCourse {
  university: 'LEUVEN' | 'MUENSTER' | 'TTU';
  universityName: string;
  code: string;
  title: string;
  credits: number;
}

const COLUMNS = ['Cite', 'Code', 'Title', 'ECTS', 'Grade', 'Status', 'Date', 'Institution'];

/** The file's bytes as base64, as the API takes files (Base64File). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ElmoRecognition({ studentId, courses, onDecided }: { studentId: string; courses: RecognisableCourse[]; onDecided: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview['previewElmoImport'] | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [course, setCourse] = useState('');
  const [decidedOn, setDecidedOn] = useState(today());
  const [reason, setReason] = useState('');
  const { message, error, run: act } = useAction();

  const read = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setPreview(null);
    setImportId(null);
    setChosen([]);
    void act(async () => {
      const { previewElmoImport } = await gql(PreviewElmoImportQuery, { input: { file: await base64Of(file) } });
      setPreview(previewElmoImport);
      return `${file.name}: ${previewElmoImport.learningOpportunities.length} learning opportunities, ${previewElmoImport.signed ? 'signature verified' : 'not signed'}.`;
    });
  };

  const store = () => {
    if (!file) return;
    void act(async () => {
      const { importElmo } = await gql(ImportElmoMutation, { input: { studentId, fileName: file.name, file: await base64Of(file) } });
      setImportId(importElmo.id);
      return `${importElmo.fileName} is on record (SHA-256 ${importElmo.sha256.slice(0, 12)}…)${importElmo.learnerMatchesStudent ? '' : '. Its learner does not match this student’s family name and date of birth: check the file is theirs'}.`;
    });
  };

  const decide = (e: FormEvent) => {
    e.preventDefault();
    const target = courses.find((c) => `${c.university}:${c.code}` === course);
    if (!importId || !target) return;
    void act(async () => {
      const { decideRecognition } = await gql(DecideRecognitionMutation, {
        input: { studentId, university: target.university, courseCode: target.code, decidedOn, reason, source: { elmoImportId: importId, learningOpportunityKeys: chosen } },
      });
      setChosen([]);
      setReason('');
      onDecided();
      return `Recognition of ${decideRecognition.courseCode} decided; ${target.universityName} records the credits citing decision ${decideRecognition.id}.`;
    });
  };

  return (
    <section aria-labelledby="elmo-heading">
      <h2 id="elmo-heading">Recognition from an ELMO file (§13)</h2>
      <form onSubmit={read} className="inline" aria-label="Read an ELMO file">
        <label htmlFor="elmo-file">ELMO / EMREX file</label>
        <input id="elmo-file" type="file" accept=".xml,application/xml,text/xml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        <button type="submit">Read file</button>
      </form>
      {preview && (
        <>
          <p>
            {preview.signed ? `Signed by ${preview.signer?.subject ?? ''} (certificate valid until ${preview.signer?.validTo.slice(0, 10) ?? ''}).` : 'Not signed: weigh it as a copy.'} Learner:{' '}
            {preview.learner.givenNames} {preview.learner.familyName}
            {preview.learner.dateOfBirth ? `, born ${preview.learner.dateOfBirth}` : ''}.
          </p>
          <table>
            <caption>Learning opportunities in the file</caption>
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th scope="col" key={column}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.learningOpportunities.map((l) => (
                <tr key={l.key}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Cite ${l.title}`}
                      disabled={!importId || l.status === 'failed' || l.status === 'in-progress'}
                      checked={chosen.includes(l.key)}
                      onChange={(e) => setChosen((keys) => (e.target.checked ? [...keys, l.key] : keys.filter((k) => k !== l.key)))}
                    />
                  </td>
                  <td>{l.code ?? '—'}</td>
                  <td>{l.title}</td>
                  <td>{l.credits ?? '—'}</td>
                  <td>{l.resultLabel ?? '—'}</td>
                  <td>{l.status ?? '—'}</td>
                  <td>{l.date ?? '—'}</td>
                  <td>
                    {l.institution}
                    {l.country ? ` (${l.country})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!importId && (
            <p>
              <button type="button" onClick={store}>
                Put the file on record
              </button>
            </p>
          )}
        </>
      )}
      {importId && (
        <form onSubmit={decide} aria-label="Decide a recognition">
          <p>
            <label htmlFor="elmo-course">Course to recognise</label>{' '}
            <select id="elmo-course" value={course} onChange={(e) => setCourse(e.target.value)} required>
              <option value="">Choose…</option>
              {courses.map((c) => (
                <option key={`${c.university}:${c.code}`} value={`${c.university}:${c.code}`}>
                  {c.universityName}: {c.code} {c.title} ({c.credits} ECTS)
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="elmo-date">Decided on</label> <input id="elmo-date" type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} required />
          </p>
          <p>
            <label htmlFor="elmo-reason">Reasons (§13 (1), (3))</label> <input id="elmo-reason" value={reason} onChange={(e) => setReason(e.target.value)} required size={60} />
          </p>
          <button type="submit" disabled={chosen.length === 0}>
            Decide recognition
          </button>
        </form>
      )}
      <Outcome message={message} error={error} />
    </section>
  );
}
