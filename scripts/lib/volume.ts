/**
 * Volume data: thousands of students at every stage of the programme, written straight into the
 * four databases with bulk inserts (one statement per 20,000 rows), never through the API: the
 * per-result path of the demo seed would take hours for 10,000 students.
 *
 * The records are rule-consistent by construction: admission before enrolment (§4), registration
 * two weeks before each sitting (§9 (4)), at most the allowed attempts per examination (§15 (4)),
 * retakes at the sittings of §7 (4), recognitions citing an Academic Committee decision (§13), a
 * thesis topic only with 90 credits earned on the assignment date (§10 (3)), submission and
 * defence in order and within their periods (§10 (7), (8)), and nothing dated after `today`.
 *
 * Each student's expected progression is computed from the generated rows with the same
 * regulations engine the hub uses, so a check against the hub tests everything in between:
 * storage, the universities' reads, the gateway's query plan and the consortium's @requires.
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CatalogueService, openUniversityDatabase, type UniversityProfile } from '@pioneer/university-kit';
import { openConsortiumDatabase, ThesisService } from '@pioneer/consortium';
import { bulkInsert, withClient } from '@pioneer/shared/persistence';
import {
  academicYearOf,
  addDays,
  computeProgression,
  courseOutcome,
  defenceHostByRotation,
  isCompleted,
  passMark,
  thesisSubmissionDeadline,
  THESIS_ELIGIBILITY_CREDITS,
  type AttemptRecord,
  type AttemptStatus,
  type CourseProgressInput,
  type IsoDate,
  type StudentStatus,
  type UniversityCode,
} from '@pioneer/shared/regulations';
import { DEMO_COMMITTEES, DEMO_TODAY, rng } from './demo-cohort.js';

export type HubDatabases = Record<'leuven' | 'muenster' | 'ttu' | 'consortium', string>;

export interface VolumeOptions {
  students: number;
  /** Intake years, the last one ending at `today`'s academic year; students are spread evenly. */
  intakes: number;
  /** The first intake year; by default the intakes end with the academic year of `today`. */
  firstIntake?: number;
  /** Nothing is dated after it (the demo's today by default). */
  today?: IsoDate;
  /** Seed of the pseudo-random generator: the same seed gives the same records. */
  seed?: number;
  /**
   * Every student passes every examination (after a retake at most) and the thesis at the first
   * defence: an intake old enough is all graduates (the cohort-issuing benchmark's 1,000 supplements).
   */
  graduates?: boolean;
}

export interface Expectation {
  totalCredits: number;
  status: StudentStatus;
  /** Overall grade points (§16 (4)) of a graduate, else null. */
  overallPoints: number | null;
}

export interface VolumeResult {
  intakes: number[];
  students: number;
  rows: Record<string, number>;
  expectations: Map<string, Expectation>;
}

type Rng = ReturnType<typeof rng>;

const GIVEN = ['Amara', 'Lukas', 'Sofia', 'Mateo', 'Ingrid', 'Kwame', 'Elif', 'Tomás', 'Mari', 'Arjun', 'Chloé', 'Jonas', 'Ana', 'Kenji', 'Liis', 'Omar', 'Freya', 'Diego', 'Zoë', 'Björn', 'Ngozi', 'Aleksander', 'Siobhán', 'Hiroshi'];
const FAMILY = ['Okafor', 'Becker', 'Rossi', 'García', 'Lindqvist', 'Mensah', 'Yılmaz', 'Novák', 'Tamm', 'Sharma', 'Dubois', 'Peeters', 'Silva', 'Tanaka', 'Kask', 'Haddad', 'Jensen', 'Morales', 'Müller', 'Õunapuu', 'Van den Broeck', 'Kowalczyk', 'Nguyen', 'Ó Briain'];
const PLACES = ['Lagos, Nigeria', 'Hamburg, Germany', 'Bologna, Italy', 'Bogotá, Colombia', 'Uppsala, Sweden', 'Accra, Ghana', 'Izmir, Türkiye', 'Brno, Czechia', 'Tartu, Estonia', 'Pune, India', 'Lyon, France', 'Ghent, Belgium'];
const BACHELORS = [
  ['BSc Public Administration', 'University of Lagos', 240, 'PUBLIC_ADMINISTRATION'],
  ['BSc Wirtschaftsinformatik', 'Universität Hamburg', 180, 'INFORMATION_SYSTEMS'],
  ['Laurea in Scienze Politiche', 'Università di Bologna', 180, 'POLITICAL_SCIENCES'],
  ['BSc Computer Science', 'Universidad de los Andes', 240, 'COMPUTER_SCIENCES'],
  ['BA Economics', 'Uppsala University', 180, 'ECONOMICS'],
  ['LLB Law', 'University of Ghana', 240, 'LAW'],
] as const;
const TOPICS = ['Once-only principle in cross-border public services', 'Algorithmic decision-making in social benefit administration', 'Digital identity adoption among elderly citizens', 'Interoperability governance in federal states'];
const SUPERVISOR = DEMO_COMMITTEES[0]!.members[0]!.name;

/** The sittings of an intake at a university (§7 (4): retakes where the student is at the time). */
function sittings(code: UniversityCode, intake: number): { midterm: IsoDate; first: IsoDate; retake: IsoDate } {
  switch (code) {
    case 'LEUVEN':
      return { midterm: `${intake}-11-13`, first: `${intake + 1}-01-20`, retake: `${intake + 1}-08-28` };
    case 'MUENSTER':
      return { midterm: `${intake + 1}-05-20`, first: `${intake + 1}-07-15`, retake: `${intake + 1}-09-30` };
    case 'TTU':
      return { midterm: `${intake + 1}-11-13`, first: `${intake + 2}-01-18`, retake: `${intake + 2}-02-20` };
  }
}

/** What the universities' catalogues hold, read once through each university's own service. */
interface CatalogueCourse {
  id: string;
  code: string;
  credits: number;
  semester: number;
  overallWeight: number;
  components: { id: string; key: string; kind: 'SCORED' | 'PASS_FAIL'; weight: number; maxAttempts: number }[];
}

interface StudentPlan {
  id: string;
  serial: number;
  intake: number;
  ability: number;
  /** The semester (1–3) with a permanently failed examination, or null. */
  failsSemester: 1 | 2 | 3 | null;
  /**
   * 'retake': the first attempt fails; 'fail': both fail (§15 (2)); 'late': topic assigned in
   * September, still being written; 'submitted': handed in, defence ahead; 'none': eligible, no
   * topic yet.
   */
  thesis: 'pass' | 'retake' | 'fail' | 'late' | 'submitted' | 'none';
  recognises: boolean;
}

interface GeneratedAttempt extends AttemptRecord {
  componentId: string;
  examinedOn: IsoDate;
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

function pickThesis(x: number): StudentPlan['thesis'] {
  if (x < 0.04) return 'retake';
  if (x < 0.05) return 'fail';
  if (x < 0.13) return 'late';
  if (x < 0.16) return 'submitted';
  if (x < 0.19) return 'none';
  return 'pass';
}

function plan(r: Rng, serial: number, intake: number, graduates = false): StudentPlan {
  const roll = r.next();
  const failsSemester = roll < 0.03 ? (1 + Math.floor(r.next() * 3)) as 1 | 2 | 3 : null;
  const thesis = pickThesis(r.next());
  return {
    id: randomUUID(),
    serial,
    intake,
    ability: Math.max(52, Math.min(95, Math.round(73 + r.normal() * 10))),
    // The same draws either way, so a seed gives the same abilities with or without `graduates`.
    failsSemester: graduates ? null : failsSemester,
    thesis: graduates ? 'pass' : thesis,
    recognises: r.next() < 0.02,
  };
}

/** Every attempt of one student at one examination, within `today`. */
function attemptsAt(
  r: Rng,
  p: StudentPlan,
  university: UniversityCode,
  component: CatalogueCourse['components'][number],
  fails: boolean,
  dates: { first: IsoDate | null; retake: IsoDate },
  today: IsoDate,
): GeneratedAttempt[] {
  const out: GeneratedAttempt[] = [];
  const add = (i: number, status: AttemptStatus, points: number | null, passed: boolean | null) => {
    const examinedOn = i === 0 ? dates.first! : dates.retake;
    if (examinedOn > today) return false;
    out.push({ componentId: component.id, componentKey: component.key, attempt: i + 1, status, points, passed, examinedOn });
    return true;
  };
  if (!dates.first) return out;
  if (fails) {
    // §15 (4): every allowed attempt failed.
    for (let i = 0; i < component.maxAttempts; i++) if (!add(i, 'GRADED', component.kind === 'SCORED' ? clamp(passMark(university) - 3 - r.next() * 15) : null, component.kind === 'SCORED' ? null : false)) break;
    return out;
  }
  if (component.kind === 'PASS_FAIL') {
    if (r.next() < 0.04 && component.maxAttempts > 1) {
      if (add(0, 'GRADED', null, false)) add(1, 'GRADED', null, true);
    } else add(0, 'GRADED', null, true);
    return out;
  }
  const pass = passMark(university);
  const special = r.next();
  if (special < 0.01 && component.maxAttempts > 1) {
    // §20: absent or fraud on the first sitting count as a failed attempt.
    if (add(0, special < 0.005 ? 'ABSENT' : 'FRAUD', null, null)) add(1, 'GRADED', clamp(Math.max(pass, p.ability - 5 + r.normal() * 5)), null);
    return out;
  }
  const points = clamp(p.ability + r.normal() * 9);
  if (points >= pass || component.maxAttempts < 2) {
    add(0, 'GRADED', Math.max(points, component.maxAttempts < 2 ? pass : 0), null);
    return out;
  }
  if (add(0, 'GRADED', points, null)) add(1, 'GRADED', clamp(Math.max(pass, p.ability - 4 + r.normal() * 5)), null);
  return out;
}

const UNIVERSITY_KEYS = [
  ['leuven', 'LEUVEN', 1],
  ['muenster', 'MUENSTER', 2],
  ['ttu', 'TTU', 3],
] as const;

/**
 * Loads `options.students` students into the four databases (migrated and given the §7 (3)
 * catalogue first when needed) and returns what the hub must answer for each of them.
 */
export async function loadVolume(databases: HubDatabases, profiles: Record<'leuven' | 'muenster' | 'ttu', UniversityProfile>, options: VolumeOptions, log: (line: string) => void = () => {}): Promise<VolumeResult> {
  const today = options.today ?? DEMO_TODAY;
  const lastIntake = academicYearOf(today);
  const intakeCount = Math.max(1, Math.floor(options.intakes));
  const firstIntake = options.firstIntake ?? lastIntake - intakeCount + 1;
  const intakes = Array.from({ length: intakeCount }, (_, i) => firstIntake + i);
  if (!Number.isSafeInteger(options.students) || options.students < 1) throw new Error('--students must be a whole number ≥ 1');
  if (intakes.at(-1)! > lastIntake) throw new Error(`the last intake ${intakes.at(-1)} starts after ${today}`);
  const r = rng(options.seed ?? 20_261_129);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  // Catalogues and committees through the services (few rows, and their rules apply).
  const catalogues = {} as Record<UniversityCode, CatalogueCourse[]>;
  let serialBase = 0;
  for (const [key, code] of UNIVERSITY_KEYS) {
    const orm = await openUniversityDatabase(databases[key]);
    try {
      await new CatalogueService(orm.em.fork(), profiles[key]).seedCatalogue();
      const courses = await new CatalogueService(orm.em.fork(), profiles[key]).list();
      catalogues[code] = courses.map((c) => ({
        id: c.id,
        code: c.code,
        credits: c.credits,
        semester: c.semester,
        overallWeight: c.overallWeight ?? c.credits,
        components: c.components.getItems().map((x) => ({ id: x.id, key: x.key, kind: x.kind, weight: x.weight, maxAttempts: x.maxAttempts })),
      }));
      const [row] = await orm.em.getConnection().execute<{ count: string }[]>('select count(*) as count from enrolment');
      const count = row?.count ?? 0;
      serialBase = Math.max(serialBase, Number(count));
    } finally {
      await orm.close();
    }
  }
  // Student numbers continue after any students already there (the demo cohort numbers 1…36).
  serialBase += 100_000;
  const consortium = await openConsortiumDatabase(databases.consortium);
  try {
    const theses = new ThesisService(consortium.em.fork(), { creditsEarned: async () => THESIS_ELIGIBILITY_CREDITS });
    const appointed = new Set((await theses.committees()).map((c) => c.academicYear));
    for (const year of new Set(intakes.flatMap((y) => [y + 1, y + 2]).filter((y) => `${y}-09-15` <= today))) {
      if (!appointed.has(year)) await theses.appointCommittee({ ...DEMO_COMMITTEES[0]!, academicYear: year, appointedOn: `${year}-09-15` });
    }
  } finally {
    await consortium.close();
  }
  const committees = await withClient(databases.consortium, async (c) => new Map((await c.query<{ id: string; academic_year: number }>('select id, academic_year from defence_committee')).rows.map((row) => [row.academic_year, row.id])));
  log(`catalogues and committees ready (${elapsed()})`);

  const plans = Array.from({ length: options.students }, (_, i) => plan(r, serialBase + i + 1, intakes[Math.floor((i * intakes.length) / options.students)]!, options.graduates));

  const rows = {
    student: [] as unknown[][],
    admission: [] as unknown[][],
    thesis: [] as unknown[][],
    LEUVEN: { enrolment: [] as unknown[][], registration: [] as unknown[][], result: [] as unknown[][], version: [] as unknown[][], recognition: [] as unknown[][] },
    MUENSTER: { enrolment: [] as unknown[][], registration: [] as unknown[][], result: [] as unknown[][], version: [] as unknown[][], recognition: [] as unknown[][] },
    TTU: { enrolment: [] as unknown[][], registration: [] as unknown[][], result: [] as unknown[][], version: [] as unknown[][], recognition: [] as unknown[][] },
  };
  const expectations = new Map<string, Expectation>();
  const recordedAt = new Date(`${today}T12:00:00Z`);

  for (const p of plans) {
    const n = p.serial;
    const bachelor = BACHELORS[n % BACHELORS.length]!;
    rows.student.push([p.id, GIVEN[n % GIVEN.length], FAMILY[(n * 7) % FAMILY.length], `${p.intake - 23 - (n % 5)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`, PLACES[n % PLACES.length], p.intake]);
    rows.admission.push([randomUUID(), p.id, bachelor[0], bachelor[1], bachelor[2], bachelor[3], 'IELTS Academic 7.0', `${p.intake}-05-15`, `KUL-PIONEER-${p.intake}-${String(n).padStart(6, '0')}`]);

    const progress: CourseProgressInput[] = [];
    let stopped = false;
    for (const [key, code, semester] of UNIVERSITY_KEYS) {
      const sink = rows[code];
      const enrolmentId = randomUUID();
      sink.enrolment.push([enrolmentId, p.id, profiles[key].studentNumber(n), `${p.intake}-09-15`]);
      const dates = sittings(code, p.intake);
      const courses = catalogues[code];
      const failingCourse = p.failsSemester === semester ? r.pick(courses.filter((c) => c.components.some((x) => x.kind === 'SCORED'))) : null;
      const recognised = p.recognises && code === 'TTU' ? courses[n % courses.length]! : null;
      for (const course of courses) {
        const attempts: GeneratedAttempt[] = [];
        let recognition: { points: number | null } | null = null;
        if (!stopped && course === recognised && `${p.intake + 1}-09-10` <= today) {
          // §13: recognised by an Academic Committee decision before the semester starts.
          recognition = { points: n % 2 === 0 ? clamp(p.ability) : null };
          sink.recognition.push([randomUUID(), enrolmentId, course.id, `AC-${p.intake + 1}-R${String(n).padStart(6, '0')}`, `${p.intake + 1}-09-10`, recognition.points, 'volume-seed']);
        } else if (!stopped) {
          const failing = failingCourse === course ? course.components.find((x) => x.kind === 'SCORED')! : null;
          for (const component of course.components) {
            const midterm = component.key === 'presentation' ? dates.midterm : null;
            const first = dates.first <= today ? dates.first : midterm && midterm <= today ? midterm : null;
            attempts.push(...attemptsAt(r, p, code, component, component === failing, { first, retake: dates.retake }, today));
          }
        }
        for (const a of attempts) {
          const registrationId = randomUUID();
          const resultId = randomUUID();
          const examiner = `Examiner of ${course.code}`;
          sink.registration.push([registrationId, enrolmentId, a.componentId, a.attempt, addDays(a.examinedOn, -14)]);
          sink.result.push([resultId, registrationId, enrolmentId, a.status, a.points, a.passed, a.examinedOn, examiner, 1, 'volume-seed', recordedAt]);
          sink.version.push([randomUUID(), resultId, 1, a.status, a.points, a.passed, a.examinedOn, examiner, 'volume-seed', recordedAt, null]);
        }
        const outcome = courseOutcome({ university: code, components: course.components.map((x) => ({ key: x.key, kind: x.kind, weight: x.weight, maxAttempts: x.maxAttempts })), attempts, recognition });
        progress.push({
          university: code,
          code: course.code,
          semester: course.semester,
          credits: course.credits,
          state: outcome.state,
          score: outcome.score,
          weight: course.overallWeight,
        });
      }
      // A permanent failure ends the studies (§15 (4), (5)): nothing after that semester.
      if (p.failsSemester === semester && dates.retake <= today) stopped = true;
    }

    // The thesis (§10, §11). Every examination is dated on or before TalTech's retake, before the
    // assignment date, so a student with all 17 courses has the 90 credits on that date (§10 (3)).
    const theses: { attempt: number; state: string; score: number | null }[] = [];
    const assignedOn = `${p.intake + 2}-02-23`;
    if (!stopped && progress.every((c) => isCompleted(c.state)) && assignedOn <= today) {
      const sit = (attempt: number, assigned: IsoDate, submitted: IsoDate, defence: IsoDate, joint: number): string | null => {
        if (assigned > today) return null;
        const isSubmitted = submitted <= today;
        const defended = defence <= today;
        const year = academicYearOf(defence);
        const state = !isSubmitted ? 'TOPIC_ASSIGNED' : !defended ? 'SUBMITTED' : joint >= passMark('OVERALL') ? 'PASSED' : attempt >= 2 ? 'PERMANENTLY_FAILED' : 'FAILED';
        const scores = defended ? [joint, Math.min(100, joint + 1), Math.max(0, joint - 1)] : null;
        rows.thesis.push([
          randomUUID(), p.id, attempt, TOPICS[n % TOPICS.length]! + (attempt > 1 ? ' (second attempt)' : ''), SUPERVISOR, state,
          assigned, thesisSubmissionDeadline(assigned),
          isSubmitted ? 3 : null, isSubmitted ? submitted : null, isSubmitted ? submitted : null, isSubmitted ? submitted : null,
          defended ? defence : null, defended ? defenceHostByRotation(year) : null, defended ? (committees.get(year) ?? null) : null,
          scores ? JSON.stringify(scores) : null, defended ? defence : null, defended ? joint : null,
        ]);
        theses.push({ attempt, state, score: defended ? joint : null });
        return state;
      };
      const good = clamp(Math.max(passMark('OVERALL'), p.ability + 2));
      if (p.thesis === 'pass') sit(1, assignedOn, `${p.intake + 2}-06-10`, `${p.intake + 2}-07-02`, good);
      else if (p.thesis === 'late') sit(1, `${p.intake + 2}-09-15`, `${p.intake + 2}-12-20`, `${p.intake + 3}-01-28`, good);
      else if (p.thesis === 'submitted') sit(1, `${p.intake + 2}-07-01`, `${p.intake + 2}-10-20`, `${p.intake + 2}-12-05`, good);
      else if (p.thesis !== 'none') {
        const first = sit(1, assignedOn, `${p.intake + 2}-06-10`, `${p.intake + 2}-07-02`, passMark('OVERALL') - 4);
        const secondOn = `${p.intake + 2}-09-01`;
        if (first === 'FAILED' && secondOn <= today) sit(2, secondOn, `${p.intake + 2}-10-20`, `${p.intake + 2}-11-12`, p.thesis === 'fail' ? passMark('OVERALL') - 3 : good);
      }
    }
    const current = theses.at(-1) ?? null;
    const engine = computeProgression({ courses: progress, thesis: current ? { state: current.state as never, attempt: current.attempt, score: current.score } : null, excluded: false });
    expectations.set(p.id, { totalCredits: engine.totalCredits, status: engine.status, overallPoints: engine.overall?.points ?? null });
  }
  log(`generated ${plans.length} students in ${intakes.length} intake(s) ${intakes.join(', ')} (${elapsed()})`);

  const count: Record<string, number> = {};
  const uni = [
    ['enrolment', [['id', 'uuid'], ['student_id', 'uuid'], ['student_number', 'varchar'], ['enrolled_on', 'date']]],
    ['registration', [['id', 'uuid'], ['enrolment_id', 'uuid'], ['component_id', 'uuid'], ['attempt', 'int'], ['registered_on', 'date']]],
    ['result', [['id', 'uuid'], ['registration_id', 'uuid'], ['enrolment_id', 'uuid'], ['status', 'text'], ['points', 'int'], ['passed', 'boolean'], ['examined_on', 'date'], ['examiner', 'varchar'], ['version', 'int'], ['recorded_by', 'varchar'], ['recorded_at', 'timestamptz']]],
    ['version', [['id', 'uuid'], ['result_id', 'uuid'], ['version', 'int'], ['status', 'text'], ['points', 'int'], ['passed', 'boolean'], ['examined_on', 'date'], ['examiner', 'varchar'], ['changed_by', 'varchar'], ['changed_at', 'timestamptz'], ['reason', 'text']]],
    ['recognition', [['id', 'uuid'], ['enrolment_id', 'uuid'], ['course_id', 'uuid'], ['decision_reference', 'varchar'], ['decided_on', 'date'], ['points', 'int'], ['recorded_by', 'varchar']]],
  ] as const;
  const tables = { enrolment: 'enrolment', registration: 'registration', result: 'exam_result', version: 'result_version', recognition: 'recognition' } as const;
  // Each university in one transaction: a failed load leaves nothing behind.
  await Promise.all(
    UNIVERSITY_KEYS.map(([key, code]) =>
      withClient(databases[key], async (c) => {
        await c.query('begin');
        try {
          for (const [name, columns] of uni) count[`${key}.${tables[name]}`] = await bulkInsert(c, tables[name], columns, rows[code][name]);
          await c.query('commit');
        } catch (e) {
          await c.query('rollback');
          throw e;
        }
      }),
    ),
  );
  await withClient(databases.consortium, async (c) => {
    await c.query('begin');
    try {
      count['consortium.student'] = await bulkInsert(c, 'student', [['id', 'uuid'], ['given_name', 'varchar'], ['family_name', 'varchar'], ['date_of_birth', 'date'], ['place_of_birth', 'varchar'], ['cohort', 'int']], rows.student);
      count['consortium.admission'] = await bulkInsert(
        c,
        'admission',
        [['id', 'uuid'], ['student_id', 'uuid'], ['bachelor_degree', 'varchar'], ['bachelor_institution', 'varchar'], ['bachelor_credits', 'int'], ['bachelor_field', 'varchar'], ['english_proficiency', 'varchar'], ['decided_on', 'date'], ['decision_reference', 'varchar']],
        rows.admission,
      );
      count['consortium.thesis'] = await bulkInsert(
        c,
        'thesis',
        [
          ['id', 'uuid'], ['student_id', 'uuid'], ['attempt', 'int'], ['title', 'varchar'], ['supervisor', 'varchar'], ['state', 'text'],
          ['topic_assigned_on', 'date'], ['submission_deadline', 'date'], ['bound_copies', 'int'], ['bound_copies_on', 'date'], ['digital_on', 'date'], ['submitted_on', 'date'],
          ['defence_on', 'date'], ['defence_host', 'varchar'], ['defence_committee_id', 'uuid'], ['examiner_scores', 'jsonb'], ['defended_on', 'date'], ['score', 'int'],
        ],
        rows.thesis,
      );
      await c.query('commit');
    } catch (e) {
      await c.query('rollback');
      throw e;
    }
  });
  // A bulk load leaves the planner's statistics empty until autovacuum analyzes the tables, and a
  // server may run without autovacuum (this project's CI machine does): the hub's reads would then
  // be planned for empty tables (measured: PostgreSQL's CPU for paging through 10,000 students
  // halved once the tables were analyzed).
  await Promise.all(Object.values(databases).map((url) => withClient(url, (c) => c.query('analyze'))));
  log(`loaded ${Object.values(count).reduce((a, b) => a + b, 0)} rows and analyzed the tables (${elapsed()})`);
  return { intakes, students: plans.length, rows: count, expectations };
}

export interface SampleMismatch {
  id: string;
  expected: Expectation;
  actual: Expectation | { error: string };
}

/**
 * Asks the hub (through the gateway, as any client would) for the progression of a sample of the
 * generated students and lists every one whose credits, status or overall grade differ.
 */
export async function checkSample(gatewayUrl: string, authorization: string, expectations: Map<string, Expectation>, size: number): Promise<{ checked: number; mismatches: SampleMismatch[] }> {
  const ids = [...expectations.keys()];
  const step = Math.max(1, Math.floor(ids.length / Math.max(1, size)));
  const sample = ids.filter((_, i) => i % step === 0).slice(0, size);
  const mismatches: SampleMismatch[] = [];
  for (let start = 0; start < sample.length; start += 100) {
    const batch = sample.slice(start, start + 100);
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        query: 'query Check($ids: [String!]) { students(ids: $ids, limit: 500) { items { id progression { totalCredits status } overallGrade { points } } } }',
        variables: { ids: batch },
      }),
    });
    const body = (await res.json()) as { data?: { students: { items: { id: string; progression: { totalCredits: number; status: StudentStatus } | null; overallGrade: { points: number } | null }[] } }; errors?: { message: string }[] };
    const items = new Map((body.data?.students.items ?? []).map((i) => [i.id, i]));
    for (const id of batch) {
      const expected = expectations.get(id)!;
      const item = items.get(id);
      if (!item?.progression) {
        mismatches.push({ id, expected, actual: { error: body.errors?.map((e) => e.message).join('; ') ?? 'missing from the answer' } });
        continue;
      }
      const actual: Expectation = { totalCredits: item.progression.totalCredits, status: item.progression.status, overallPoints: item.overallGrade?.points ?? null };
      if (actual.totalCredits !== expected.totalCredits || actual.status !== expected.status || actual.overallPoints !== expected.overallPoints) mismatches.push({ id, expected, actual });
    }
  }
  return { checked: sample.length, mismatches };
}

export type { MikroORM };
