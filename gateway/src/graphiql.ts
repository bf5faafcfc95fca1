/**
 * GraphiQL served from the hub's own assets: `@graphql-yoga/render-graphiql` inlines GraphiQL's
 * code in the page, so it works without internet (Hive Gateway's default page loads it from a
 * CDN and stays blank offline). One tab of example operations per role.
 */

const HEADERS = JSON.stringify({ authorization: 'Bearer <a token: sign in at /app/ and use "Copy token for GraphiQL", or npm run -s token -- committee>' }, null, 2);

/** Example operations, one tab per role (the same access rules apply as everywhere: docs/security.md). */
export const GRAPHIQL_EXAMPLES: { role: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    role: 'Academic Committee: an intake on the dashboard',
    query: `# As the Academic Committee (npm run -s token -- committee)
query Intake($cohort: Int!) {
  cohortDashboard(cohort: $cohort, limit: 20, flag: AT_RISK) {
    total
    items { status totalCredits flags nextDeadline { kind date daysLeft } student { id givenName familyName } }
  }
}`,
    variables: { cohort: 2024 },
  },
  {
    role: 'Academic Committee: one student across the three universities',
    query: `# As the Academic Committee, staff, or the student themselves
query Student($id: String!) {
  student(id: $id) {
    givenName familyName cohort
    leuven { studentNumber creditsEarned courses { code score localGrade label } }
    muenster { studentNumber creditsEarned courses { code score localGrade label } }
    ttu { studentNumber creditsEarned courses { code score localGrade label } }
    progression { totalCredits status thesisEligible }
    overallGrade { points grade label }
    documents { id kind version status }
  }
}`,
    variables: { id: '<a student id from the dashboard>' },
  },
  {
    role: "KU Leuven's examinations office: registrations and results",
    query: `# As KU Leuven's office (npm run -s token -- leuven-office); muenster… and ttu… likewise
query Session($courseCode: String!) {
  leuvenRegistrations(courseCode: $courseCode) {
    id attempt examination { key title kind } enrolment { studentId studentNumber } result { status points version }
  }
  leuvenGradeDistribution(courseCode: $courseCode) { completed grades { grade label count } }
}`,
    variables: { courseCode: 'LEU-PDBM' },
  },
  {
    role: 'A student: my own record',
    query: `# As a student (npm run -s token -- student <your student id>): only your own id is answered
query Mine($id: String!) {
  student(id: $id) {
    givenName familyName
    progression { totalCredits requiredCredits status }
    theses { title submissionDeadline state }
  }
}`,
    variables: { id: '<your student id: the token subject>' },
  },
  {
    role: 'Academic Committee: the audit trail',
    query: `# As the Academic Committee
{
  leuvenAuditTrail(limit: 10) { items { at actorName operation target outcome } }
  consortiumAuditTrail(limit: 10) { items { at actorName operation target outcome } }
}`,
  },
];

// A one-pixel favicon inline, so the page asks no other host for one.
const FAVICON = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 16 16%22%3E%3Crect width=%2216%22 height=%2216%22 fill=%22%230f2a4a%22/%3E%3C/svg%3E';

/**
 * The GraphiQL page, for the gateway's `renderGraphiQL` option. GraphiQL's code (9 MB of
 * JavaScript in the module) is loaded at the first page asked for, not at every start.
 */
export async function renderOfflineGraphiQL(options: { title: string }): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL({
    title: options.title,
    favicon: FAVICON,
    headers: HEADERS,
    defaultTabs: GRAPHIQL_EXAMPLES.map((e) => ({ query: e.query, variables: e.variables ? JSON.stringify(e.variables, null, 2) : null, headers: HEADERS })),
  });
}
