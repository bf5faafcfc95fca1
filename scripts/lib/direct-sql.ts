/**
 * The benchmark's direct baseline: the credits and the §16 (4) overall grade of a whole intake in
 * one SQL pass per database (the consortium's, then the three universities' at once), with the
 * rules written as SQL: §8 (2) a course is completed when every examination's latest attempt
 * passes; §20 a non-graded attempt is a fail with 0 points; §16 (3) course score ⌈Σ w·p / Σ w⌉
 * over the scored examinations; §13 a recognition completes the course, its points (if any) are
 * the score; §16 (4) overall ⌈(75·Σ w·s + 25·thesis·Σ w) / (100·Σ w)⌉ once all 17 courses and the
 * thesis are passed. It is what the hub would cost with no federation, no engine and no API: the
 * floor the hub's reads are measured against. Not used by the hub.
 */
import { openClient } from '@pioneer/shared/persistence';
import { COURSE_COUNT, OVERALL_COURSES_SHARE_PERCENT, OVERALL_THESIS_SHARE_PERCENT, passMark, THESIS_CREDITS } from '@pioneer/shared/regulations';
import type { HubDatabases } from './volume.js';

export interface DirectResult {
  totalCredits: number;
  overallPoints: number | null;
}

const UNIVERSITY_PASS = `
with latest as (
  select distinct on (r.enrolment_id, r.component_id) r.enrolment_id, r.component_id, res.status, res.points, res.passed
  from registration r
  join exam_result res on res.registration_id = r.id
  join enrolment e on e.id = r.enrolment_id
  where e.student_id = any($1::uuid[])
  order by r.enrolment_id, r.component_id, r.attempt desc
), per_course as (
  select e.id as enrolment_id, e.student_id, c.id as course_id, c.credits, coalesce(c.overall_weight, c.credits) as w,
    bool_and(coalesce(case when l.status <> 'GRADED' then false when x.kind = 'SCORED' then l.points >= $2 else l.passed end, false)) as passed,
    sum(x.weight * case when l.status = 'GRADED' then l.points else 0 end) filter (where x.kind = 'SCORED') as wsum,
    sum(x.weight) filter (where x.kind = 'SCORED') as wtot
  from enrolment e
  cross join course c
  join exam_component x on x.course_id = c.id
  left join latest l on l.enrolment_id = e.id and l.component_id = x.id
  where e.student_id = any($1::uuid[])
  group by e.id, e.student_id, c.id
), outcome as (
  select p.student_id, p.credits, p.w, (p.passed or rec.id is not null) as completed,
    case when rec.id is not null then rec.points when p.wtot > 0 then (p.wsum + p.wtot - 1) / p.wtot end as score,
    (rec.id is not null and rec.points is null) as unweighted
  from per_course p
  left join recognition rec on rec.enrolment_id = p.enrolment_id and rec.course_id = p.course_id
)
select student_id, coalesce(sum(credits) filter (where completed), 0)::int as credits,
  count(*) filter (where completed)::int as completed,
  coalesce(sum(w * score) filter (where completed and not unweighted), 0)::bigint as wsum,
  coalesce(sum(w) filter (where completed and not unweighted), 0)::bigint as wtot
from outcome group by student_id`;

const CONSORTIUM_PASS = `
select s.id, t.state, t.score,
  exists (select 1 from committee_decision d where d.student_id = s.id and d.kind = 'EXCLUSION') as excluded
from student s
left join lateral (select state, score from thesis where student_id = s.id order by attempt desc limit 1) t on true
where s.cohort = $1
order by s.family_name, s.given_name, s.id`;

/** Clients to the four databases, kept open across measured rounds (as a hub keeps its pools). */
export async function openDirect(databases: HubDatabases) {
  const clients = Object.fromEntries(
    await Promise.all(
      Object.entries(databases).map(async ([name, url]) => [name, await openClient(url)] as const),
    ),
  ) as Record<keyof HubDatabases, Awaited<ReturnType<typeof openClient>>>;
  return {
    /** Credits and overall grade of every student of an intake, by student id. */
    async intake(cohort: number): Promise<Map<string, DirectResult>> {
      const students = (await clients.consortium.query<{ id: string; state: string | null; score: number | null; excluded: boolean }>(CONSORTIUM_PASS, [cohort])).rows;
      const ids = students.map((s) => s.id);
      type Row = { student_id: string; credits: number; completed: number; wsum: string; wtot: string };
      const [leuven, muenster, ttu] = await Promise.all(
        (
          [
            ['leuven', 'LEUVEN'],
            ['muenster', 'MUENSTER'],
            ['ttu', 'TTU'],
          ] as const
        ).map(async ([name, code]) => new Map((await clients[name].query<Row>(UNIVERSITY_PASS, [ids, passMark(code)])).rows.map((r) => [r.student_id, r]))),
      );
      const result = new Map<string, DirectResult>();
      for (const s of students) {
        const rows = [leuven!.get(s.id), muenster!.get(s.id), ttu!.get(s.id)];
        const passed = s.state === 'PASSED';
        const totalCredits = rows.reduce((sum, r) => sum + (r?.credits ?? 0), 0) + (passed ? THESIS_CREDITS : 0);
        const completed = rows.reduce((sum, r) => sum + (r?.completed ?? 0), 0);
        const wsum = rows.reduce((sum, r) => sum + BigInt(r?.wsum ?? 0), 0n);
        const wtot = rows.reduce((sum, r) => sum + BigInt(r?.wtot ?? 0), 0n);
        let overallPoints: number | null = null;
        if (passed && !s.excluded && completed === COURSE_COUNT && wtot > 0n) {
          const n = BigInt(OVERALL_COURSES_SHARE_PERCENT) * wsum + BigInt(OVERALL_THESIS_SHARE_PERCENT) * BigInt(s.score!) * wtot;
          const d = 100n * wtot;
          overallPoints = Number((n + d - 1n) / d);
        }
        result.set(s.id, { totalCredits, overallPoints });
      }
      return result;
    },
    close: () => Promise.all(Object.values(clients).map((c) => c.end())),
  };
}
