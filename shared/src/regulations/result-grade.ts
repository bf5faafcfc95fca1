/**
 * The grade a recorded result shows, passing or failing (§16 (1), (3)).
 *
 * The engine's `courseOutcome().grade` is the grade of a *completed* course (it enters the overall
 * grade, §16 (4)). A transcript and the API must also show a failing result on its scale:
 * Münster 49 points is 5.0 and TalTech 50 points is 0 (§16 (1)). These functions give that
 * display grade without changing what counts for completion or for the overall grade.
 */
import { isCompleted, type AttemptStatus, type CourseOutcome } from './course.js';
import type { UniversityCode } from './programme.js';
import { gradeOnScale, type LocalGrade } from './scales.js';

/**
 * One attempt at one examination: a scored, graded attempt gets its points' grade; an absence,
 * withdrawal, deception or plagiarism is a fail with 0 points (§20 (1), (2)), so the scale's grade
 * for 0; a pass/fail examination has no points and therefore no grade on the scale.
 */
export function attemptGrade(university: UniversityCode, attempt: { status: AttemptStatus; points: number | null }): LocalGrade | null {
  if (attempt.status !== 'GRADED') return gradeOnScale(university, 0);
  return attempt.points === null ? null : gradeOnScale(university, attempt.points);
}

/**
 * The grade a course result shows:
 *  - completed or recognised with points: the engine's grade (§16 (3), §13);
 *  - failed (retake possible or permanently, §15 (4)) with a score: the score's grade when that
 *    grade is a fail; when the weighted score would pass but an examination failed (§8 (2): a high
 *    score never rescues a failed examination) the result is a fail, shown with the grade of the
 *    lowest failed examination's points, which is a fail on the same scale;
 *  - anything else (not started, in progress, no score): no grade; the state says why.
 */
export function courseResultGrade(
  university: UniversityCode,
  outcome: Pick<CourseOutcome, 'state' | 'score' | 'grade' | 'components'>,
): LocalGrade | null {
  if (isCompleted(outcome.state)) return outcome.grade;
  if (outcome.state !== 'PERMANENTLY_FAILED' && outcome.state !== 'FAILED_RETAKE_POSSIBLE') return null;
  if (outcome.score === null) return null;
  const byScore = gradeOnScale(university, outcome.score);
  if (!byScore.passed) return byScore;
  const failedPoints = outcome.components
    .filter((c) => c.kind === 'SCORED' && !c.passed && c.latestPoints !== null)
    .map((c) => c.latestPoints!);
  // A pass/fail examination failed: no points to grade, and a passing grade would be false.
  if (failedPoints.length === 0) return null;
  return gradeOnScale(university, Math.min(...failedPoints));
}
