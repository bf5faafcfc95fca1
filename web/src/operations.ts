/**
 * Every operation the app sends. GraphQL Code Generator checks each against the committed
 * supergraph (gateway/supergraph.graphql) and types its result; university operations are written
 * once for KU Leuven and renamed for the other two (university.ts), whose subgraphs are the same
 * implementation (subgraphs/university-kit).
 */
import { graphql } from './gql';

export const DashboardQuery = graphql(`
  query Dashboard($cohort: Int!, $offset: Int!, $limit: Int!) {
    cohortDashboard(cohort: $cohort, offset: $offset, limit: $limit) {
      cohort
      asOf
      total
      items {
        status
        totalCredits
        flags
        overallGrade { points grade label }
        nextDeadline { kind date daysLeft }
        student {
          id
          givenName
          familyName
          leuven { studentNumber }
          muenster { studentNumber }
          ttu { studentNumber }
          progression { thesisCredits creditsByUniversity { university credits } }
        }
      }
    }
  }
`);


export const StudentQuery = graphql(`
  query StudentRecord($id: String!) {
    student(id: $id) {
      id
      givenName
      familyName
      cohort
      dateOfBirth
      placeOfBirth
      leuven { ...UniversityRecordFields }
      muenster { ...UniversityRecordFields }
      ttu { ...UniversityRecordFields }
      progression { totalCredits requiredCredits thesisCredits courseCredits thesisEligible status permanentlyFailed permanentFailureReason creditsByUniversity { university credits } }
      overallGrade { points grade label }
      decisions { id kind decidedOn reason weeks university courseCode hearing { heldOn subject } elmoImport { fileName signed signer { subject } } recognisedFrom { key title credits resultLabel institution } }
      theses { id attempt title supervisor state topicAssignedOn submissionDeadline extensionWeeks submittedOn defenceOn defenceHost defendedOn score }
    }
  }
  fragment UniversityRecordFields on UniversityRecord {
    university
    universityName
    studentNumber
    enrolled
    creditsEarned
    courses {
      code
      title
      semester
      credits
      overallWeight
      state
      score
      localGrade
      label
      attemptsUsed
      attemptsLeft
      recognised
      attempts { examinationKey examinationTitle attempt status points passed examinedOn }
      recognition { decisionReference decidedOn points }
    }
  }
`);

export const StudentDocumentsQuery = graphql(`
  query StudentDocuments($id: String!) {
    student(id: $id) {
      id
      documents { id kind version issuedOn status revokedOn revocationReason xmlSha256 }
    }
  }
`);

export const IssueDocumentMutation = graphql(`
  mutation IssueDocument($input: IssueDocumentInput!) {
    issueDocument(input: $input) { id kind version issuedOn status }
  }
`);

export const RevokeDocumentMutation = graphql(`
  mutation RevokeDocument($input: RevokeDocumentInput!) {
    revokeDocument(input: $input) { id status revokedOn }
  }
`);

export const AuditQuery = graphql(`
  query StudentAudit($filter: AuditFilter!, $limit: Int!) {
    consortiumAuditTrail(filter: $filter, limit: $limit) { total items { id at service actor actorName roles operation target outcome studentId } }
    leuvenAuditTrail(filter: $filter, limit: $limit) { total items { id at service actor actorName roles operation target outcome studentId } }
    muensterAuditTrail(filter: $filter, limit: $limit) { total items { id at service actor actorName roles operation target outcome studentId } }
    ttuAuditTrail(filter: $filter, limit: $limit) { total items { id at service actor actorName roles operation target outcome studentId } }
  }
`);

// University operations, written for KU Leuven; university.ts renames the root fields.
export const CatalogueQuery = graphql(`
  query Catalogue {
    courses: leuvenCourses { code title courseType credits semester overallWeight examinations { key title kind weight maxAttempts } }
  }
`);

export const RegistrationsQuery = graphql(`
  query Registrations($courseCode: String!, $attempt: Int) {
    registrations: leuvenRegistrations(courseCode: $courseCode, attempt: $attempt) {
      id
      attempt
      registeredOn
      examination { key title kind }
      enrolment { studentId studentNumber }
      result { id status points passed examinedOn version }
    }
  }
`);

export const ResultsQuery = graphql(`
  query Results($courseCode: String!) {
    results: leuvenResults(courseCode: $courseCode) {
      id
      status
      points
      passed
      examinedOn
      examiner
      version
      studentId
      registration { attempt examination { key title kind } enrolment { studentNumber } }
    }
  }
`);

export const ResultHistoryQuery = graphql(`
  query ResultHistory($resultId: String!) {
    history: leuvenResultHistory(resultId: $resultId) { id version status points passed examinedOn examiner changedBy changedAt reason }
  }
`);

export const RectifyResultMutation = graphql(`
  mutation RectifyResult($input: RectifyExaminationResultInput!) {
    rectified: leuvenRectifyExaminationResult(input: $input) { id version status points passed }
  }
`);

export const EnrolmentsQuery = graphql(`
  query Enrolments {
    enrolments: leuvenEnrolments { id studentId studentNumber enrolledOn }
  }
`);

export const EnrolStudentMutation = graphql(`
  mutation EnrolStudent($input: EnrolStudentInput!) {
    enrolled: leuvenEnrolStudent(input: $input) { id studentId studentNumber enrolledOn }
  }
`);

export const GradeDistributionQuery = graphql(`
  query GradeDistribution($courseCode: String!) {
    distribution: leuvenGradeDistribution(courseCode: $courseCode) { courseCode university completed grades { grade label count } }
  }
`);

export const StudentNamesQuery = graphql(`
  query StudentNames($ids: [String!]!) {
    students(ids: $ids, limit: 500) { items { id givenName familyName } }
  }
`);

/** A whole examination session in one call, all or nothing (issue 15). */
export const RecordExaminationSessionMutation = graphql(`
  mutation RecordExaminationSession($input: RecordExaminationSessionInput!) {
    session: leuvenRecordExaminationSession(input: $input) { recorded registered unchanged rows { row studentId outcome resultId } }
  }
`);

/** A CSV export of the university's own system: dry run (report of every line), then commit. */
export const ImportResultsMutation = graphql(`
  mutation ImportResults($input: ImportResultsInput!) {
    report: leuvenImportResults(input: $input) {
      sha256
      delimiter
      committed
      rows
      accepted
      unchanged
      refused
      summary
      sessions { courseCode examinationKey attempt examinedOn rows }
      lines { line outcome studentNumber courseCode examinationKey attempt status points passed code column message }
    }
  }
`);

/** §13 (2): an ELMO file read and checked, nothing stored (docs/recognition.md). */
export const PreviewElmoImportQuery = graphql(`
  query PreviewElmoImport($input: PreviewElmoImportInput!) {
    previewElmoImport(input: $input) {
      sha256
      signed
      signer { subject issuer validTo }
      learner { givenNames familyName dateOfBirth }
      learningOpportunities { key code title credits resultLabel status date institution country }
    }
  }
`);

export const ImportElmoMutation = graphql(`
  mutation ImportElmo($input: ImportElmoInput!) {
    importElmo(input: $input) { id fileName sha256 signed learnerMatchesStudent }
  }
`);

/** §13 (3): the committee's recognition, with the file and learning opportunities it rests on. */
export const DecideRecognitionMutation = graphql(`
  mutation DecideRecognition($input: RecognitionDecisionInput!) {
    decideRecognition(input: $input) { id courseCode university }
  }
`);

