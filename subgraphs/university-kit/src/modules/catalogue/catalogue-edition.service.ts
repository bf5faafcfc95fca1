import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, requireReason, requireText } from '@pioneer/shared/errors';
import {
  DEFAULT_MAX_ATTEMPTS,
  academicYearLabel,
  assertCourseCredits,
  assertCourseWeight,
  assertExaminationWeight,
  assertMaxAttempts,
  parseIsoDate,
} from '@pioneer/shared/regulations';
import { universityOfCourseCode, type UniversityProfile } from '../../profile.js';
import { Registration } from '../examinations/registration.entity.js';
import { CatalogueService, checkTitle, checkVersion, recordChange } from './catalogue.service.js';
import { Course } from './course.entity.js';
import { ComponentKind, ExamComponent } from './exam-component.entity.js';

/** An examination as the office describes it in a course description (§9 (1), §16 (3), §15 (4)). */
export interface ExaminationSpec {
  examinationKey: string;
  title: string;
  kind: ComponentKind;
  /** §16 (3), 1-100 for a scored examination; a pass / fail one carries none (§16 (1)). */
  weight?: number | null;
  maxAttempts?: number | null;
}

type CheckedExamination = Omit<ExaminationSpec, 'weight' | 'maxAttempts'> & { weight: number; maxAttempts: number };

export interface CourseSpec {
  courseCode: string;
  academicYear: number;
  title: string;
  courseType: string;
  examinationTypes: string[];
  credits: number;
  overallWeight?: number | null;
  examinations: ExaminationSpec[];
  reason: string;
}

const EXAMINATION_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_EXAMINATIONS = 10;

/**
 * The catalogue's life over the years (issue 15 item 5): new courses, a course's edition for a
 * new academic year, an examination added to an edition nobody has registered for yet, and the
 * retirement of an edition. Each write is one transaction with its line in `catalogue_change`
 * (§21: who, when, why); a refused write writes nothing.
 */
export class CatalogueEditionService {
  private readonly catalogue: CatalogueService;

  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
    today?: () => string,
  ) {
    this.catalogue = new CatalogueService(em, profile, today);
  }

  /** A course new to this university's catalogue, with its first edition. */
  async createCourse(input: CourseSpec, actor: string): Promise<Course> {
    const code = this.checkCode(input.courseCode);
    const spec = this.checkCourse(input);
    return this.em.transactional(async (em) => {
      const existing = await em.findOne(Course, { code }, { orderBy: { academicYear: 'asc' } });
      if (existing) {
        throw new DomainError(ErrorCode.COURSE_EXISTS, `${code} is already in the catalogue (from ${academicYearLabel(existing.academicYear)}): a new description for a later year is a new edition`, {
          courseCode: code,
        });
      }
      return this.insertEdition(em, code, input.academicYear, spec, input.reason, actor);
    });
  }

  /**
   * A course's description from `academicYear` on: the edition in force before it, with the
   * changes given (title, credits, weights, the list of examinations — an examination left out is
   * retired from that year, one added is new). Earlier results keep their edition.
   */
  async createEdition(
    input: { courseCode: string; academicYear: number; title?: string | null; credits?: number | null; overallWeight?: number | null; resetOverallWeight?: boolean | null; examinations?: ExaminationSpec[] | null; reason: string },
    actor: string,
  ): Promise<Course> {
    const reason = requireReason(input.reason, 'A new edition of a course must state its reason (§21)');
    return this.em.transactional(async (em) => {
      const previous = await this.catalogue.byCode(input.courseCode, input.academicYear, em);
      if (previous.academicYear === input.academicYear) throw this.editionExists(previous);
      const spec = this.checkCourse({
        title: input.title ?? previous.title,
        courseType: previous.courseType,
        examinationTypes: previous.examinationTypes,
        credits: input.credits ?? previous.credits,
        overallWeight: input.resetOverallWeight ? null : (input.overallWeight ?? previous.overallWeight),
        examinations:
          input.examinations ??
          previous.components.getItems().map((c) => ({ examinationKey: c.key, title: c.title, kind: c.kind, weight: c.weight, maxAttempts: c.maxAttempts })),
        reason,
      });
      return this.insertEdition(em, previous.code, input.academicYear, spec, reason, actor);
    });
  }

  /** A new examination in an edition (§9 (1)); only while nobody is registered in that edition. */
  async addExamination(input: { courseCode: string; academicYear?: number | null; examination: ExaminationSpec; reason: string }, actor: string): Promise<ExamComponent> {
    const reason = requireReason(input.reason, 'A change of the catalogue must state its reason (§21)');
    const [spec] = this.checkExaminations([input.examination], false);
    return this.em.transactional(async (em) => {
      const course = await this.catalogue.lockedEdition(em, input.courseCode, input.academicYear);
      await em.populate(course, ['components']);
      if (course.components.getItems().some((c) => c.key === spec!.examinationKey)) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `${course.code} already has an examination "${spec!.examinationKey}"`, { courseCode: course.code, examinationKey: spec!.examinationKey });
      }
      if (course.components.count() >= MAX_EXAMINATIONS) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `A course has at most ${MAX_EXAMINATIONS} examinations`, { courseCode: course.code });
      }
      await this.assertNobodyRegistered(em, course, 'its examinations are fixed; open a new edition for a later year');
      const component = this.insertExamination(em, course, spec!, course.components.count());
      recordChange(em, course, component.key, 'created', null, component.title, reason, actor);
      course.version += 1;
      return component;
    });
  }

  /**
   * Retires the edition in force in `academicYear`: from `retiredOn` it takes no student who has
   * not started it; students with attempts in it keep their remaining attempts (§15 (4)), and every
   * result stays readable with this edition's description.
   */
  async retire(input: { courseCode: string; academicYear?: number | null; retiredOn: string; reason: string; expectedVersion?: number | null }, actor: string): Promise<Course> {
    parseIsoDate(input.retiredOn, 'retiredOn');
    const reason = requireReason(input.reason, 'A retirement must state its reason (§21)');
    return this.em.transactional(async (em) => {
      const course = await this.catalogue.lockedEdition(em, input.courseCode, input.academicYear);
      checkVersion(course.version, input.expectedVersion, { courseCode: course.code });
      if (course.retiredOn !== null) {
        throw new DomainError(ErrorCode.COURSE_RETIRED, `${course.code} (${academicYearLabel(course.academicYear)}) is already retired from ${course.retiredOn}`, { courseCode: course.code, retiredOn: course.retiredOn });
      }
      recordChange(em, course, null, 'retiredOn', null, input.retiredOn, reason, actor);
      course.retiredOn = input.retiredOn;
      course.version += 1;
      await em.populate(course, ['components']);
      return course;
    });
  }

  private async insertEdition(em: EntityManager, code: string, academicYear: number, spec: ReturnType<CatalogueEditionService['checkCourse']>, reason: string, actor: string): Promise<Course> {
    if (await em.count(Course, { code, academicYear })) throw this.editionExists({ code, academicYear });
    const course = em.create(Course, {
      code,
      academicYear,
      title: spec.title,
      courseType: spec.courseType,
      examinationTypes: spec.examinationTypes,
      credits: spec.credits,
      semester: this.profile.semester,
      overallWeight: spec.overallWeight,
      retiredOn: null,
      version: 1,
    });
    spec.examinations.forEach((x, position) => course.components.add(this.insertExamination(em, course, x, position)));
    recordChange(em, course, null, 'created', null, course.title, reason, actor);
    return course;
  }

  private insertExamination(em: EntityManager, course: Course, x: CheckedExamination, position: number): ExamComponent {
    return em.create(ExamComponent, { course, key: x.examinationKey, title: x.title, kind: x.kind, weight: x.weight, maxAttempts: x.maxAttempts, position, version: 1 });
  }

  private async assertNobodyRegistered(em: EntityManager, course: Course, why: string): Promise<void> {
    if ((await em.count(Registration, { component: { course } })) > 0) {
      throw new DomainError(ErrorCode.CONFLICT, `Students are registered for ${course.code} (${academicYearLabel(course.academicYear)}): ${why}`, { courseCode: course.code });
    }
  }

  private editionExists(course: { code: string; academicYear: number }): DomainError {
    return new DomainError(ErrorCode.COURSE_EDITION_EXISTS, `${course.code} already has an edition from ${academicYearLabel(course.academicYear)}; edit that one`, {
      courseCode: course.code,
      academicYear: academicYearLabel(course.academicYear),
    });
  }

  /** A code of this university: its prefix (`LEU-`, `MS-`, `TTU-`, docs/catalogue.md "Codes"), then capitals, digits and dashes. */
  private checkCode(code: string): string {
    const owner = universityOfCourseCode(code);
    if (owner && owner !== this.profile.code) {
      throw new DomainError(ErrorCode.COURSE_OF_ANOTHER_UNIVERSITY, `${code} is a code of another university's catalogue`, { courseCode: code });
    }
    if (owner !== this.profile.code || !/^[A-Z]{2,3}-[A-Z0-9]+(-[A-Z0-9]+)*$/.test(code) || code.length > 32) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `A course code of ${this.profile.name} is its prefix, a dash and up to 32 capitals, digits or dashes, e.g. ${this.profile.catalogue[0]?.code}`, {
        field: 'courseCode',
        courseCode: code,
      });
    }
    return code;
  }

  private checkCourse(input: Omit<CourseSpec, 'courseCode' | 'academicYear'>) {
    const title = checkTitle(input.title);
    const courseType = requireText(input.courseType, 'courseType', 100, 2);
    if (input.examinationTypes.length > MAX_EXAMINATIONS) throw new DomainError(ErrorCode.BAD_USER_INPUT, `At most ${MAX_EXAMINATIONS} types of examination`, { field: 'examinationTypes' });
    const examinationTypes = input.examinationTypes.map((t) => requireText(t, 'examinationTypes', 100, 2));
    assertCourseCredits(input.credits);
    if (input.overallWeight != null) assertCourseWeight(input.overallWeight, 'overall weight');
    requireReason(input.reason, 'A change of the catalogue must state its reason (§21)');
    return { title, courseType, examinationTypes, credits: input.credits, overallWeight: input.overallWeight ?? null, examinations: this.checkExaminations(input.examinations, true) };
  }

  /** §9 (1), §16 (1), (3), §15 (4): 1-10 examinations with distinct keys; a course score needs a scored one. */
  private checkExaminations(list: readonly ExaminationSpec[], whole: boolean): CheckedExamination[] {
    if (whole && (list.length === 0 || list.length > MAX_EXAMINATIONS)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `A course has 1 to ${MAX_EXAMINATIONS} examinations`, { field: 'examinations' });
    }
    const keys = new Set<string>();
    const checked = list.map((x) => {
      if (!EXAMINATION_KEY.test(x.examinationKey) || x.examinationKey.length > 40) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'An examination key is up to 40 lower-case letters and digits in dash-separated words, e.g. "written-exam"', { field: 'examinationKey', examinationKey: x.examinationKey });
      }
      if (keys.has(x.examinationKey)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Examination "${x.examinationKey}" is listed twice`, { field: 'examinationKey', examinationKey: x.examinationKey });
      keys.add(x.examinationKey);
      if (x.kind === ComponentKind.SCORED) assertExaminationWeight(x.weight, 'weight');
      else if (x.weight != null && x.weight !== 0) throw new DomainError(ErrorCode.INVALID_WEIGHT, 'A pass / fail examination carries no weight (§16 (1))', { examinationKey: x.examinationKey });
      const maxAttempts = x.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      assertMaxAttempts(maxAttempts);
      return { examinationKey: x.examinationKey, title: checkTitle(x.title), kind: x.kind, weight: x.kind === ComponentKind.SCORED ? x.weight! : 0, maxAttempts };
    });
    if (whole && !checked.some((x) => x.kind === ComponentKind.SCORED)) {
      throw new DomainError(ErrorCode.EMPTY_SCORE_SET, 'A course score needs at least one scored examination (§16 (3))', { field: 'examinations' });
    }
    return checked;
  }
}
