/**
 * The demo cohort: 36 students in three intakes at varied stages, with realistic results, some
 * retakes, failures and one of each kind of permanent failure. Deterministic (seeded), and written
 * only through the subgraphs' own services, each into its own database.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { ExaminationService, EnrolmentService, CatalogueService, SessionService, type ConsortiumRegister, type ResultLine, type UniversityProfile } from '@pioneer/university-kit';
import { AdmissionService, DecisionService, ThesisService, Student, consortiumRegisterOf } from '@pioneer/consortium';
import { addDays, canAssignThesisTopic, passMark, type UniversityCode } from '@pioneer/shared/regulations';

/** The demo's "today": results dated after it are not seeded. */
export const DEMO_TODAY = '2026-11-22';

/** A deterministic pseudo-random generator (mulberry32): the same seed, the same data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next()),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
      hex[12] = '4';
      hex[16] = '89ab'[Math.floor(next() * 4)]!;
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}

const GIVEN = ['Amara', 'Lukas', 'Sofia', 'Mateo', 'Ingrid', 'Kwame', 'Elif', 'Tomás', 'Mari', 'Arjun', 'Chloé', 'Jonas', 'Ana', 'Kenji', 'Liis', 'Omar', 'Freya', 'Diego'];
const FAMILY = ['Okafor', 'Becker', 'Rossi', 'García', 'Lindqvist', 'Mensah', 'Yılmaz', 'Novák', 'Tamm', 'Sharma', 'Dubois', 'Peeters', 'Silva', 'Tanaka', 'Kask', 'Haddad', 'Jensen', 'Morales'];
const PLACES = ['Lagos, Nigeria', 'Hamburg, Germany', 'Bologna, Italy', 'Bogotá, Colombia', 'Uppsala, Sweden', 'Accra, Ghana', 'Izmir, Türkiye', 'Brno, Czechia', 'Tartu, Estonia', 'Pune, India', 'Lyon, France', 'Ghent, Belgium', 'Porto, Portugal', 'Osaka, Japan', 'Pärnu, Estonia', 'Beirut, Lebanon', 'Aarhus, Denmark', 'Quito, Ecuador'];
const BACHELORS = [
  { bachelorDegree: 'BSc Public Administration', bachelorInstitution: 'University of Lagos', bachelorCredits: 240, bachelorField: 'PUBLIC_ADMINISTRATION' },
  { bachelorDegree: 'BSc Wirtschaftsinformatik', bachelorInstitution: 'Universität Hamburg', bachelorCredits: 180, bachelorField: 'INFORMATION_SYSTEMS' },
  { bachelorDegree: 'Laurea in Scienze Politiche', bachelorInstitution: 'Università di Bologna', bachelorCredits: 180, bachelorField: 'POLITICAL_SCIENCES' },
  { bachelorDegree: 'BSc Computer Science', bachelorInstitution: 'Universidad de los Andes', bachelorCredits: 240, bachelorField: 'COMPUTER_SCIENCES' },
  { bachelorDegree: 'BA Economics', bachelorInstitution: 'Uppsala University', bachelorCredits: 180, bachelorField: 'ECONOMICS' },
  { bachelorDegree: 'LLB Law', bachelorInstitution: 'University of Ghana', bachelorCredits: 240, bachelorField: 'LAW' },
];
const ENGLISH = ['IELTS Academic 7.0', 'TOEFL iBT 102', 'Cambridge C1 Advanced (grade B)', 'Bachelor taught in English'];
const TOPICS = [
  'Once-only principle in cross-border public services',
  'Algorithmic decision-making in social benefit administration',
  'Digital identity adoption among elderly citizens',
  'Interoperability governance in federal states',
  'Open data portals and municipal accountability',
  'Co-creation of public services through living labs',
];

export interface DemoStudentPlan {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  cohort: number;
  ability: number;
  /** Scripted cases; most students have none. */
  script: 'none' | 'course-permanently-failed' | 'thesis-retake' | 'thesis-permanently-failed' | 'fraud-then-pass' | 'recognition' | 'absent-then-pass' | 'awaiting-topic';
}

export function planDemoCohort(): DemoStudentPlan[] {
  const r = rng(20171);
  const plans: DemoStudentPlan[] = [];
  const scripts: Record<string, DemoStudentPlan['script']> = {
    '2024-1': 'thesis-retake',
    '2024-3': 'thesis-permanently-failed',
    '2024-5': 'fraud-then-pass',
    '2024-7': 'awaiting-topic',
    '2025-2': 'course-permanently-failed',
    '2025-4': 'recognition',
    '2025-6': 'absent-then-pass',
  };
  for (const cohort of [2024, 2025, 2026]) {
    for (let i = 0; i < 12; i++) {
      const n = plans.length;
      plans.push({
        id: r.uuid(),
        givenName: GIVEN[(n * 7) % GIVEN.length]!,
        familyName: FAMILY[(n * 5 + cohort) % FAMILY.length]!,
        dateOfBirth: `${cohort - 23 - Math.floor(r.next() * 5)}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r.next() * 28)).padStart(2, '0')}`,
        placeOfBirth: r.pick(PLACES),
        cohort,
        ability: Math.max(55, Math.min(94, Math.round(74 + r.normal() * 9))),
        script: scripts[`${cohort}-${i}`] ?? 'none',
      });
    }
  }
  return plans;
}

/** Exam sittings of a cohort at a university: first sitting and retake (§7 (4): retakes where the student is). */
function sittings(profile: UniversityProfile, cohort: number): { midterm: string; first: string; retake: string } {
  switch (profile.code) {
    case 'LEUVEN':
      return { midterm: `${cohort}-11-13`, first: `${cohort + 1}-01-20`, retake: `${cohort + 1}-08-28` };
    case 'MUENSTER':
      return { midterm: `${cohort + 1}-05-20`, first: `${cohort + 1}-07-15`, retake: `${cohort + 1}-09-30` };
    case 'TTU':
      return { midterm: `${cohort + 1}-11-13`, first: `${cohort + 2}-01-18`, retake: `${cohort + 2}-02-20` };
  }
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/** The recognition decisions of the demo (§13 (3)), by student id: the university records cite them. */
export type DemoDecisions = Map<string, string>;

export async function seedUniversity(orm: MikroORM, profile: UniversityProfile, plans: readonly DemoStudentPlan[], consortium: ConsortiumRegister, decisions: DemoDecisions): Promise<number> {
  const em = orm.em.fork();
  await new CatalogueService(em, profile).seedCatalogue();
  const enrolments = new EnrolmentService(orm.em.fork(), profile, () => DEMO_TODAY);
  const catalogue = await new CatalogueService(orm.em.fork(), profile).list();
  // Results are recorded as the offices record them: one examination session per sitting, each
  // written set-based in one transaction (session.service.ts) under the same rules as the single
  // mutations. Per result, the seed took about 20 ms of CPU and most of the first start.
  const sessions: ResultLine[][] = [[], []];
  for (const [serial, plan] of plans.entries()) {
    const r = rng(serial * 131 + profile.semester);
    await enrolments.enrol({ studentId: plan.id, studentNumber: profile.studentNumber(serial + 1), enrolledOn: `${plan.cohort}-09-15` }, consortium);
    const { midterm: midtermOn, first, retake } = sittings(profile, plan.cohort);
    for (const course of catalogue) {
      if (plan.script === 'recognition' && course.code === 'TTU-TS') {
        const exams = new ExaminationService(orm.em.fork(), profile, () => DEMO_TODAY);
        await exams.recognise({ studentId: plan.id, courseCode: course.code, decisionReference: decisions.get(plan.id)!, decidedOn: RECOGNITION_DECIDED_ON, points: null }, 'demo-seed', consortium);
        continue;
      }
      for (const component of course.components.getItems()) {
        // Mid-term presentations are the only results before the first sitting.
        const midterm = component.key === 'presentation' ? midtermOn : null;
        const firstOn = first <= DEMO_TODAY ? first : midterm && midterm <= DEMO_TODAY ? midterm : null;
        if (!firstOn) continue;
        const scripted = scriptedAttempts(plan, course.code, component.key);
        const attempts = scripted ?? naturalAttempts(r, plan.ability, component.kind, profile.code);
        for (const [index, attempt] of attempts.entries()) {
          const on = index === 0 ? firstOn : retake;
          if (on > DEMO_TODAY) break;
          const session = sessions[index]!;
          session.push({
            row: session.length + 1,
            studentId: plan.id,
            courseCode: course.code,
            examinationKey: component.key,
            attempt: index + 1,
            registeredOn: addDays(on, -14),
            examinedOn: on,
            examiner: `Examiner of ${course.code}`,
            ...attempt,
          });
        }
      }
    }
  }
  // First sittings before retakes: a retake is the second attempt of a registration already recorded.
  for (const lines of sessions) {
    if (lines.length) await new SessionService(orm.em.fork(), profile, () => DEMO_TODAY).apply(lines, 'demo-seed', { commit: true });
  }
  return sessions.reduce((n, lines) => n + lines.length, 0);
}

type Attempt = { status: 'GRADED' | 'ABSENT' | 'FRAUD'; points?: number | null; passed?: boolean | null };

function naturalAttempts(r: ReturnType<typeof rng>, ability: number, kind: 'SCORED' | 'PASS_FAIL', university: UniversityCode): Attempt[] {
  if (kind === 'PASS_FAIL') return r.next() < 0.04 ? [{ status: 'GRADED', passed: false }, { status: 'GRADED', passed: true }] : [{ status: 'GRADED', passed: true }];
  const pass = passMark(university);
  const points = clamp(ability + r.normal() * 9);
  if (points >= pass) return [{ status: 'GRADED', points }];
  return [{ status: 'GRADED', points }, { status: 'GRADED', points: clamp(Math.max(pass, ability - 4 + r.normal() * 5)) }];
}

function scriptedAttempts(plan: DemoStudentPlan, courseCode: string, key: string): Attempt[] | null {
  if (plan.script === 'course-permanently-failed' && courseCode === 'MS-SCEG' && key === 'written-exam') {
    return [{ status: 'GRADED', points: 38 }, { status: 'GRADED', points: 44 }];
  }
  if (plan.script === 'fraud-then-pass' && courseCode === 'LEU-PDBM' && key === 'written-exam') {
    return [{ status: 'FRAUD' }, { status: 'GRADED', points: 61 }];
  }
  if (plan.script === 'absent-then-pass' && courseCode === 'MS-PM' && key === 'written-exam') {
    return [{ status: 'ABSENT' }, { status: 'GRADED', points: 67 }];
  }
  return null;
}

/** §11 (1): the Thesis Defence Committees of the demo's academic years (2025/26, 2026/27). */
export const DEMO_COMMITTEES = [2025, 2026].map((academicYear) => ({
  academicYear,
  appointedOn: `${academicYear}-09-01`,
  members: [
    { name: 'Prof. Dr. Joep Crompvoets', hasDoctorate: true, university: 'KU Leuven' },
    { name: 'Prof. Dr. Tobias Brandt', hasDoctorate: true, university: 'University of Münster' },
    { name: 'Prof. Dr. Robert Krimmer', hasDoctorate: true, university: 'TalTech' },
  ],
}));

const RECOGNITION_DECIDED_ON = '2026-09-10';

/**
 * Consortium side, first: identities (admissions, §4) and the Academic Committee's recognition
 * decisions (§13 (3)), which the universities' enrolments and recognitions then cite (issue 11).
 */
export async function seedAdmissions(orm: MikroORM, plans: readonly DemoStudentPlan[]): Promise<{ register: ConsortiumRegister; decisions: DemoDecisions }> {
  const admissions = new AdmissionService(orm.em.fork());
  for (const [i, p] of plans.entries()) {
    const bachelor = BACHELORS[i % BACHELORS.length]!;
    await admissions.admit({
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      placeOfBirth: p.placeOfBirth,
      cohort: p.cohort,
      ...bachelor,
      englishProficiency: ENGLISH[i % ENGLISH.length]!,
      decidedOn: `${p.cohort}-05-15`,
      decisionReference: `KUL-PIONEER-${p.cohort}-${String(i + 1).padStart(3, '0')}`,
    });
  }
  const decisions: DemoDecisions = new Map();
  for (const p of plans.filter((q) => q.script === 'recognition')) {
    const decision = await new DecisionService(orm.em.fork()).recognise({
      studentId: p.id,
      university: 'TTU',
      courseCode: 'TTU-TS',
      decidedOn: RECOGNITION_DECIDED_ON,
      reason: 'Equivalent course at the previous university, verified with the subject staff (§13 (1), (3))',
    });
    decisions.set(p.id, decision.id);
  }
  return { register: consortiumRegisterOf(orm), decisions };
}

/** Consortium side, last: the thesis for the 2024 intake (the only one that reached it). */
export async function seedTheses(orm: MikroORM, plans: readonly DemoStudentPlan[], creditsOf: (id: string) => number): Promise<void> {  // The seed knows the credits it just wrote at the universities; the running hub asks the gateway.
  const theses = new ThesisService(orm.em.fork(), { creditsEarned: async (id) => creditsOf(id) }, () => DEMO_TODAY);
  for (const committee of DEMO_COMMITTEES) await theses.appointCommittee(committee);
  const sit = async (id: string, submittedOn: string, defenceOn: string, scores: number[], joint: number) => {
    await theses.submit(id, { boundCopies: 3, boundCopiesOn: submittedOn, digitalOn: submittedOn });
    await theses.scheduleDefence(id, { defenceOn });
    await theses.recordDefence(id, { examinerScores: scores, jointScore: joint });
  };
  for (const [i, p] of plans.entries()) {
    if (p.cohort !== 2024 || p.script === 'awaiting-topic' || !canAssignThesisTopic(creditsOf(p.id))) continue;
    const title = TOPICS[i % TOPICS.length]!;
    const first = await theses.assignTopic({ studentId: p.id, title, supervisor: 'Prof. Dr. Joep Crompvoets', assignedOn: '2026-02-23' });
    if (p.script === 'thesis-retake' || p.script === 'thesis-permanently-failed') {
      await sit(first.id, '2026-06-10', '2026-07-02', [45, 48, 52], 46);
      const second = await theses.assignTopic({ studentId: p.id, title: `${title} (second attempt)`, supervisor: 'Prof. Dr. Tobias Brandt', assignedOn: '2026-09-01' });
      if (p.script === 'thesis-permanently-failed') await sit(second.id, '2026-10-20', '2026-11-12', [44, 47, 49], 47);
      continue;
    }
    const score = clamp(p.ability + 2);
    await sit(first.id, '2026-06-10', '2026-07-02', [score, Math.min(100, score + 1), Math.max(50, score - 2)], score);
  }
}

export async function hasStudents(orm: MikroORM): Promise<boolean> {
  return (await orm.em.fork().count(Student, {})) > 0;
}
