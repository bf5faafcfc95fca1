import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { University } from '@pioneer/shared/graphql';
import { ResultStatus } from './exam-result.entity.js';

export const SessionRowOutcome = { RECORDED: 'RECORDED', UNCHANGED: 'UNCHANGED' } as const;
export type SessionRowOutcome = (typeof SessionRowOutcome)[keyof typeof SessionRowOutcome];
registerEnumType(SessionRowOutcome, {
  name: 'SessionRowOutcome',
  description: 'RECORDED: registered where needed and recorded; UNCHANGED: this attempt already had exactly this result',
});

export const ImportLineOutcome = { ACCEPTED: 'ACCEPTED', UNCHANGED: 'UNCHANGED', REFUSED: 'REFUSED' } as const;
export type ImportLineOutcome = (typeof ImportLineOutcome)[keyof typeof ImportLineOutcome];
registerEnumType(ImportLineOutcome, {
  name: 'ImportLineOutcome',
  description: 'ACCEPTED: recorded (commit) or would be (dry run); UNCHANGED: already recorded with the same value; REFUSED: see code, column and message',
});

@InputType('ExaminationSessionResultInput', { description: 'One student of an examination session: by student number or by consortium student id (one of them), and the result' })
export class ExaminationSessionResultInput {
  @Field(() => String, { nullable: true, description: "This university's student number" }) studentNumber?: string | null;
  @Field(() => String, { nullable: true, description: "The consortium's student id" }) studentId?: string | null;
  @Field(() => ResultStatus, { defaultValue: ResultStatus.GRADED, description: 'GRADED, or a status that counts as a failed attempt (§20)' }) status!: ResultStatus;
  @Field(() => Int, { nullable: true, description: 'Points 0-100 of a scored examination' }) points?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Verdict of a pass / fail examination' }) passed?: boolean | null;
}

@InputType('RecordExaminationSessionInput', { description: 'One sitting of one examination and the results of up to 500 students, recorded all or nothing' })
export class RecordExaminationSessionInput {
  @Field(() => String) courseCode!: string;
  @Field(() => String, { description: 'The examination of the course, e.g. "written-exam"' }) examinationKey!: string;
  @Field(() => Int, { nullable: true, description: "The attempt (1, 2, …); leave it out for each student's next attempt" }) attempt?: number | null;
  @Field(() => String, { description: 'ISO date of the examination' }) examinedOn!: string;
  @Field(() => String) examiner!: string;
  @Field(() => String, { nullable: true, description: 'ISO date of the registrations made for students not yet registered; the examination date when left out' })
  registeredOn?: string | null;
  @Field(() => [ExaminationSessionResultInput], { description: 'At most 500 rows; a refused session (SESSION_REFUSED) lists every bad row by its number, from 1' })
  results!: ExaminationSessionResultInput[];
}

@ObjectType('ExaminationSessionRow', { description: 'What happened to one row of a session' })
@Directive('@shareable')
export class ExaminationSessionRow {
  @Field(() => Int, { description: 'Its position in the list, from 1' }) row!: number;
  @Field(() => ID) studentId!: string;
  @Field(() => String) studentNumber!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => SessionRowOutcome) outcome!: SessionRowOutcome;
  @Field(() => Boolean, { description: 'A registration was made for this attempt' }) registered!: boolean;
  @Field(() => ID) resultId!: string;
}

@ObjectType('ExaminationSession', { description: 'A recorded examination session' })
@Directive('@shareable')
export class ExaminationSession {
  @Field(() => String) courseCode!: string;
  @Field(() => String) examinationKey!: string;
  @Field(() => String) examinedOn!: string;
  @Field(() => Int, { description: 'Results recorded by this call' }) recorded!: number;
  @Field(() => Int, { description: 'Registrations made by this call' }) registered!: number;
  @Field(() => Int, { description: 'Rows whose attempt already had exactly this result' }) unchanged!: number;
  @Field(() => [ExaminationSessionRow]) rows!: ExaminationSessionRow[];
}

@InputType('ImportResultsInput', { description: 'A CSV export of results in the documented format of this university (docs/examinations-office.md)' })
export class ImportResultsInput {
  @Field(() => String, { description: 'The file, UTF-8 (with or without BOM), ";" or "," separated; at most 512 KiB and 2,000 rows' }) csv!: string;
  @Field(() => Boolean, { description: 'false: dry run, a report of every row and nothing written; true: record, all or nothing' }) commit!: boolean;
  @Field(() => String, { nullable: true, description: 'The file name, kept in the audit trail with its SHA-256' }) fileName?: string | null;
}

@ObjectType('ResultsImportLine', { description: 'One data line of an imported file' })
@Directive('@shareable')
export class ResultsImportLine {
  @Field(() => Int, { description: 'Its line in the file (the header is line 1)' }) line!: number;
  @Field(() => ImportLineOutcome) outcome!: ImportLineOutcome;
  @Field(() => String, { nullable: true }) studentNumber!: string | null;
  @Field(() => String, { nullable: true }) courseCode!: string | null;
  @Field(() => String, { nullable: true }) examinationKey!: string | null;
  @Field(() => Int, { nullable: true, description: 'The attempt, as recorded or as the file gives it' }) attempt!: number | null;
  @Field(() => ResultStatus, { nullable: true }) status!: ResultStatus | null;
  @Field(() => Int, { nullable: true }) points!: number | null;
  @Field(() => Boolean, { nullable: true }) passed!: boolean | null;
  @Field(() => String, { nullable: true, description: 'Why it was refused: an error code of the registry' }) code!: string | null;
  @Field(() => String, { nullable: true, description: "The column at fault, as the file's header names it" }) column!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
}

@ObjectType('ResultsImportSession', { description: 'The rows of one examination sitting in the file' })
@Directive('@shareable')
export class ResultsImportSession {
  @Field(() => String) courseCode!: string;
  @Field(() => String) examinationKey!: string;
  @Field(() => Int, { nullable: true, description: "Null: each student's next attempt" }) attempt!: number | null;
  @Field(() => String) examinedOn!: string;
  @Field(() => Int) rows!: number;
}

@ObjectType('ResultsImport', { description: 'The report of a CSV import: every line with its outcome' })
@Directive('@shareable')
export class ResultsImport {
  @Field(() => University) university!: University;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => String, { description: "SHA-256 of the file's UTF-8 text (the audit trail keeps it)" }) sha256!: string;
  @Field(() => String, { description: 'The separator detected' }) delimiter!: string;
  @Field(() => Boolean, { description: 'The results were recorded (a commit with at least one new result)' }) committed!: boolean;
  @Field(() => Int) rows!: number;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) refused!: number;
  @Field(() => String, { description: 'One sentence for a person' }) summary!: string;
  @Field(() => [ResultsImportSession]) sessions!: ResultsImportSession[];
  @Field(() => [ResultsImportLine]) lines!: ResultsImportLine[];
}
