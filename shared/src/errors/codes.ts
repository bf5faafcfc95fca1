/**
 * The one registry of error codes. Every GraphQL error the hub returns carries one of these in
 * `extensions.code`; clients may rely on them, so a code is renamed only with a release of notice:
 * its old name stays in `RENAMED_ERROR_CODES`, and every error under the new name also carries
 * `extensions.formerCode` until the old name is removed (README "Changelog").
 */
export const ErrorCode = {
  // generic input problems
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  LENGTH_REQUIRED: 'LENGTH_REQUIRED',

  // grading (§16)
  POINTS_OUT_OF_RANGE: 'POINTS_OUT_OF_RANGE',
  POINTS_NOT_INTEGER: 'POINTS_NOT_INTEGER',
  INVALID_WEIGHT: 'INVALID_WEIGHT',
  GRADING_TABLE_INVALID: 'GRADING_TABLE_INVALID',
  EMPTY_SCORE_SET: 'EMPTY_SCORE_SET',

  // catalogue, enrolment and results (§7, §8, §9, §20, §21)
  UNKNOWN_STUDENT: 'UNKNOWN_STUDENT',
  STUDENT_NOT_ENROLLED: 'STUDENT_NOT_ENROLLED',
  ALREADY_ENROLLED: 'ALREADY_ENROLLED',
  UNKNOWN_COURSE: 'UNKNOWN_COURSE',
  COURSE_OF_ANOTHER_UNIVERSITY: 'COURSE_OF_ANOTHER_UNIVERSITY',
  /** A course has no examination of that key (formerly UNKNOWN_COMPONENT). */
  UNKNOWN_EXAMINATION: 'UNKNOWN_EXAMINATION',
  /** A retired course edition takes no student who has not started it (docs/catalogue.md). */
  COURSE_RETIRED: 'COURSE_RETIRED',
  /** The course already has an edition starting in that academic year. */
  COURSE_EDITION_EXISTS: 'COURSE_EDITION_EXISTS',
  /** A new course whose code the catalogue already has (a later description is a new edition). */
  COURSE_EXISTS: 'COURSE_EXISTS',
  NOT_REGISTERED: 'NOT_REGISTERED',
  ALREADY_REGISTERED: 'ALREADY_REGISTERED',
  RESULT_ALREADY_RECORDED: 'RESULT_ALREADY_RECORDED',
  ATTEMPT_LIMIT_EXCEEDED: 'ATTEMPT_LIMIT_EXCEEDED',
  ATTEMPT_OUT_OF_ORDER: 'ATTEMPT_OUT_OF_ORDER',
  COURSE_ALREADY_COMPLETED: 'COURSE_ALREADY_COMPLETED',
  COURSE_PERMANENTLY_FAILED: 'COURSE_PERMANENTLY_FAILED',
  PASS_FAIL_ON_SCORED_EXAMINATION: 'PASS_FAIL_ON_SCORED_EXAMINATION',
  POINTS_ON_PASS_FAIL_EXAMINATION: 'POINTS_ON_PASS_FAIL_EXAMINATION',
  REASON_REQUIRED: 'REASON_REQUIRED',
  UNKNOWN_RESULT: 'UNKNOWN_RESULT',
  /** No registration of that id (formerly the generic NOT_FOUND). */
  UNKNOWN_REGISTRATION: 'UNKNOWN_REGISTRATION',

  // admission (§4)
  ADMISSION_REQUIREMENTS_NOT_MET: 'ADMISSION_REQUIREMENTS_NOT_MET',

  // thesis (§10, §11, §15)
  THESIS_NOT_ELIGIBLE: 'THESIS_NOT_ELIGIBLE',
  /** No thesis of that id (formerly the generic NOT_FOUND). */
  UNKNOWN_THESIS: 'UNKNOWN_THESIS',
  THESIS_TOPIC_ALREADY_ASSIGNED: 'THESIS_TOPIC_ALREADY_ASSIGNED',
  THESIS_TOPIC_CHANGE_NOT_ALLOWED: 'THESIS_TOPIC_CHANGE_NOT_ALLOWED',
  THESIS_ATTEMPT_LIMIT_EXCEEDED: 'THESIS_ATTEMPT_LIMIT_EXCEEDED',
  THESIS_EXTENSION_NOT_ALLOWED: 'THESIS_EXTENSION_NOT_ALLOWED',
  THESIS_SUBMISSION_INCOMPLETE: 'THESIS_SUBMISSION_INCOMPLETE',
  THESIS_DEFENCE_OUTSIDE_WINDOW: 'THESIS_DEFENCE_OUTSIDE_WINDOW',
  /** §11 (1): the members given for a Thesis Defence Committee are not three different people with doctorates. */
  THESIS_COMMITTEE_INVALID: 'THESIS_COMMITTEE_INVALID',
  /** §11 (1): no Thesis Defence Committee is appointed for the academic year of the step's date. */
  THESIS_COMMITTEE_NOT_APPOINTED: 'THESIS_COMMITTEE_NOT_APPOINTED',
  /** §10 (2): the supervisor named is not a member of that year's Thesis Defence Committee. */
  THESIS_SUPERVISOR_NOT_ON_COMMITTEE: 'THESIS_SUPERVISOR_NOT_ON_COMMITTEE',
  /** §11 (1)–(2): a defence result needs one score from each of the three examiners. */
  THESIS_EXAMINER_SCORES_INCOMPLETE: 'THESIS_EXAMINER_SCORES_INCOMPLETE',
  THESIS_STATE_INVALID: 'THESIS_STATE_INVALID',
  INVALID_DATE: 'INVALID_DATE',

  // Academic Committee decisions (§20 (3), §21 (5))
  HEARING_REQUIRED: 'HEARING_REQUIRED',

  // documents (§15 (5), §17, §18, §21)
  UNKNOWN_DOCUMENT: 'UNKNOWN_DOCUMENT',
  MASTER_EXAMINATION_NOT_PASSED: 'MASTER_EXAMINATION_NOT_PASSED',
  MASTER_EXAMINATION_NOT_PERMANENTLY_FAILED: 'MASTER_EXAMINATION_NOT_PERMANENTLY_FAILED',
  EXMATRICULATION_CERTIFICATE_REQUIRED: 'EXMATRICULATION_CERTIFICATE_REQUIRED',
  EXMATRICULATION_ALREADY_RECORDED: 'EXMATRICULATION_ALREADY_RECORDED',
  DOCUMENT_ALREADY_ISSUED: 'DOCUMENT_ALREADY_ISSUED',
  DOCUMENT_ALREADY_REVOKED: 'DOCUMENT_ALREADY_REVOKED',
  DOCUMENT_FORMAT_UNAVAILABLE: 'DOCUMENT_FORMAT_UNAVAILABLE',

  // federation (§16 (4) is never computed from partial data)
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  CONFIG_INVALID: 'CONFIG_INVALID',

  // safe retries (issue 12 item 3): the Idempotency-Key header of a mutation
  IDEMPOTENCY_KEY_INVALID: 'IDEMPOTENCY_KEY_INVALID',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'IDEMPOTENCY_KEY_IN_PROGRESS',
  IDEMPOTENCY_RESPONSE_LOST: 'IDEMPOTENCY_RESPONSE_LOST',
  // integrity of writes (issue 11)
  /** An edit stated the version it read, and the row has changed since; `details.currentVersion`. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /** A stored record the regulations engine refuses to evaluate; `details` name the student and the rule. */
  RECORD_UNREADABLE: 'RECORD_UNREADABLE',
  /** Text with characters that are not printable (control, format-breaking, unassigned). */
  INVALID_TEXT: 'INVALID_TEXT',
  /** An enrolment of a student the consortium has not admitted (§4). */
  NOT_ADMITTED: 'NOT_ADMITTED',
  /** A recognition citing no existing Academic Committee decision of that student and course (§13 (3)). */
  UNKNOWN_DECISION: 'UNKNOWN_DECISION',
  // documents: public verification, cohort jobs, the cost of rendering (issue 13, issue 12 item 6)
  RATE_LIMITED: 'RATE_LIMITED',
  UNKNOWN_COHORT: 'UNKNOWN_COHORT',
  UNKNOWN_JOB: 'UNKNOWN_JOB',
  DOCUMENT_RENDER_LIMIT_EXCEEDED: 'DOCUMENT_RENDER_LIMIT_EXCEEDED',
  // operations: retryable outages (issue 12)
  /** A subgraph did not answer within the gateway's deadline (GATEWAY_SUBGRAPH_TIMEOUT_MS). */
  SOURCE_TIMEOUT: 'SOURCE_TIMEOUT',
  /** A subgraph's PostgreSQL cannot be reached; retry later (HTTP 503 when the whole request failed). */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  // the gateway's limits on one operation (issue 15 item 6)
  /** An operation over the depth, alias, token, directive or cost limit; `details.limit`, `max`, `actual`. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  // data in from the universities' systems (issue 15)
  /** An examination session or import with bad rows: nothing is written; `details.rows` lists every bad row `{row, code, message, field}` (imports: `line`, `column`). */
  SESSION_REFUSED: 'SESSION_REFUSED',
  /** The same student and attempt twice in one session or file. */
  DUPLICATE_ROW: 'DUPLICATE_ROW',
  /** A local grade that stands for several point values (Münster 2,3 = 75-79): the row needs the points. */
  GRADE_AMBIGUOUS: 'GRADE_AMBIGUOUS',
  /** A CSV file that cannot be read as the documented format (encoding, header, columns). */
  CSV_INVALID: 'CSV_INVALID',
  // ELMO / EMREX files for recognition (§13 (2)): what was uploaded cannot be read as one
  /** Larger than the hub accepts for one ELMO file; `details.maxBytes`. */
  ELMO_TOO_LARGE: 'ELMO_TOO_LARGE',
  /** Not well-formed XML (or not UTF-8); `details.line` where the parser stopped. */
  ELMO_NOT_XML: 'ELMO_NOT_XML',
  /** A DOCTYPE or entity declaration: refused before parsing (XXE, entity expansion). */
  ELMO_DOCTYPE_FORBIDDEN: 'ELMO_DOCTYPE_FORBIDDEN',
  /** Well-formed XML that the committed ELMO schema refuses; `details.errors` with their lines. */
  ELMO_SCHEMA_INVALID: 'ELMO_SCHEMA_INVALID',
  /** A signed file whose XML signature does not verify, or does not cover the whole document. */
  ELMO_SIGNATURE_INVALID: 'ELMO_SIGNATURE_INVALID',
  /** No stored ELMO import with this id (for this student). */
  UNKNOWN_ELMO_IMPORT: 'UNKNOWN_ELMO_IMPORT',
  /** A learning opportunity key the import does not have; `details.key`. */
  UNKNOWN_LEARNING_OPPORTUNITY: 'UNKNOWN_LEARNING_OPPORTUNITY',
  /** A learning opportunity its issuer reports as failed or in progress: nothing to recognise (§13 (1)). */
  LEARNING_OPPORTUNITY_NOT_PASSED: 'LEARNING_OPPORTUNITY_NOT_PASSED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Codes renamed in 0.2 (issue 15: one word per concept, one code per error), new name → old name. Errors under the new name also carry the old one as `extensions.formerCode` until 0.3.
 */
export const RENAMED_ERROR_CODES: Readonly<Partial<Record<ErrorCode, string>>> = {
  [ErrorCode.UNKNOWN_EXAMINATION]: 'UNKNOWN_COMPONENT',
  [ErrorCode.PASS_FAIL_ON_SCORED_EXAMINATION]: 'PASS_FAIL_ON_SCORED_COMPONENT',
  [ErrorCode.POINTS_ON_PASS_FAIL_EXAMINATION]: 'POINTS_ON_PASS_FAIL_COMPONENT',
  // An unknown id is named like every other one (UNKNOWN_STUDENT, UNKNOWN_RESULT, …).
  [ErrorCode.UNKNOWN_THESIS]: 'NOT_FOUND',
  [ErrorCode.UNKNOWN_REGISTRATION]: 'NOT_FOUND',
};
