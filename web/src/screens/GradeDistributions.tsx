import { useEffect, useState } from 'react';
import { gql } from '../api';
import { CatalogueQuery, GradeDistributionQuery } from '../operations';
import type { University } from '../session';
import { forUniversity, UNIT_WORD, UNIVERSITY_NAMES } from '../university';
import { Empty, ErrorMessage, humanize, Loading, useLoad } from '../ui';

/**
 * The ECTS grading table of a course: completed results per local grade, as counts and as a
 * percentage of all completed results (§16 (3)), drawn as horizontal bars with the numbers in text.
 */
function Distribution({ university, courseCode }: { university: University; courseCode: string }) {
  const [dist] = useLoad(async () => (await gql(forUniversity(GradeDistributionQuery, university), { courseCode })).distribution, [university, courseCode]);
  if (dist.state === 'loading') return <Loading what="the grade distribution" />;
  if (dist.state === 'error') return <ErrorMessage error={dist.error} />;
  const d = dist.value;
  if (d.completed === 0) return <Empty>No completed results for {courseCode} yet.</Empty>;
  const max = Math.max(...d.grades.map((g) => g.count), 1);
  return (
    <table className="distribution">
      <caption>
        {courseCode}: {d.completed} completed results per grade (ECTS grading table)
      </caption>
      <thead>
        <tr>
          <th scope="col">Grade</th>
          <th scope="col">Label</th>
          <th scope="col">Count</th>
          <th scope="col">Share</th>
          <th scope="col" aria-hidden="true"></th>
        </tr>
      </thead>
      <tbody>
        {d.grades.map((g) => (
          <tr key={g.grade}>
            <th scope="row">{g.grade}</th>
            <td>{humanize(g.label)}</td>
            <td>{g.count}</td>
            <td>{((100 * g.count) / d.completed).toFixed(1)} %</td>
            <td className="bar-cell" aria-hidden="true">
              <span className="bar" style={{ width: `${(100 * g.count) / max}%` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GradeDistributions({ universities }: { universities: readonly University[] }) {
  const [university, setUniversity] = useState<University>(universities[0] ?? 'leuven');
  const [catalogue] = useLoad(async () => (await gql(forUniversity(CatalogueQuery, university), {})).courses, [university]);
  const [courseCode, setCourseCode] = useState('');
  useEffect(() => {
    document.title = 'Grade distributions · PIONEER hub';
  }, []);
  const courses = catalogue.state === 'done' ? catalogue.value : [];
  const code = courses.some((c) => c.code === courseCode) ? courseCode : (courses[0]?.code ?? '');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Grade distributions</h1>
      <div className="filters">
        <div>
          <label htmlFor="dist-university">University</label>
          <select id="dist-university" value={university} onChange={(e) => setUniversity(e.target.value as University)}>
            {universities.map((u) => (
              <option key={u} value={u}>
                {UNIVERSITY_NAMES[u]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dist-course">{humanize(UNIT_WORD[university])}</label>
          <select id="dist-course" value={code} onChange={(e) => setCourseCode(e.target.value)}>
            {courses.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {c.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      {catalogue.state === 'loading' && <Loading what="the catalogue" />}
      {catalogue.state === 'error' && <ErrorMessage error={catalogue.error} />}
      {code && <Distribution university={university} courseCode={code} />}
    </section>
  );
}
