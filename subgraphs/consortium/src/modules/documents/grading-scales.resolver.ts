import { Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { ResultLabel } from '@pioneer/shared/graphql';
import { GRADING_TABLES, SCALE_IDS, passMark, type ScaleId } from '@pioneer/shared/regulations';

@ObjectType('GradingScaleRow', { description: 'Every whole number of points from `fromPoints` to `toPoints` gets this grade (§16 (1))' })
class GradingScaleRow {
  @Field(() => Int) fromPoints!: number;
  @Field(() => Int) toPoints!: number;
  @Field(() => String, { description: 'As printed on documents: 14 (KU Leuven, out of 20), 1.3 (Münster), 3 (TalTech)' }) grade!: string;
  @Field(() => ResultLabel) label!: ResultLabel;
  @Field(() => Boolean) passing!: boolean;
}

@ObjectType('GradingScale', { description: 'A grading table of §16, as the regulations engine grades with it' })
class GradingScale {
  @Field(() => String, { description: 'LEUVEN, MUENSTER, TTU, or OVERALL (the final overall grade, §16 (4))' }) scale!: ScaleId;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The section of the regulations the table comes from' }) section!: string;
  @Field(() => String, { description: 'HIGHER (KU Leuven, TalTech, overall) or LOWER (Münster: 1.0 is best)' }) betterGrade!: string;
  @Field(() => Int, { description: 'The lowest passing points' }) passMark!: number;
  @Field(() => [GradingScaleRow], { description: 'Best first' }) rows!: GradingScaleRow[];
}

const NAMES: Record<ScaleId, string> = {
  LEUVEN: 'KU Leuven: grades 0-20',
  MUENSTER: 'University of Münster: grades 1.0-5.0 (1.0 best)',
  TTU: 'TalTech: grades 0-5',
  OVERALL: 'Final overall grade and Master thesis: KU Leuven scale 0-20 (§16 (4))',
};

/** The tables are the engine's own data (shared/src/regulations/scales.ts), never a copy. */
export function gradingScales(): GradingScale[] {
  return SCALE_IDS.map((scale) => {
    const table = GRADING_TABLES[scale];
    return {
      scale,
      name: NAMES[scale],
      section: table.section,
      betterGrade: table.betterGrade,
      passMark: passMark(scale),
      rows: [...table.rows].reverse().map((r) => ({ fromPoints: r.from, toPoints: r.to, grade: r.grade, label: r.label, passing: r.label !== 'FAIL' })),
    };
  });
}

@Resolver()
export class GradingScalesResolver {
  // Public: the regulations are public, and an employer or an EMREX client reading a document needs them.
  @Query(() => [GradingScale], { description: 'The grading scales of the three universities and of the overall grade (§16 (1), (3), (4))' })
  gradingScales(): GradingScale[] {
    return gradingScales();
  }
}
