/**
 * Usage: npm run documents:issue-cohort -- <cohort> <issuedOn YYYY-MM-DD> [gateway URL]
 * Issues the diploma and Diploma Supplement of every graduate of the cohort through the gateway
 * (default GATEWAY_URL or http://127.0.0.1:4000/graphql) as the Academic Committee (AUTHORIZATION, or
 * a committee token of the demo key that npm start uses), as a job on the consortium's worker
 * pool, printing progress with the time left and, at the end, every student not issued and why.
 */
import { CohortIssueError, issueCohortDocuments } from './lib/issue-cohort.js';
import { loadDocumentsScriptConfig } from './config.js';
import { gatewayUrlOrExit, scriptAuthorization } from './lib/gateway-script.js';

const config = loadDocumentsScriptConfig();
const [cohort, issuedOn, url] = process.argv.slice(2);
if (!cohort || !/^\d{4}$/.test(cohort) || !issuedOn || !/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) {
  console.error('usage: npm run documents:issue-cohort -- <cohort> <issuedOn YYYY-MM-DD> [gateway URL]');
  process.exit(2);
}
const gatewayUrl = gatewayUrlOrExit(url, config);
const clock = (s: number | null) => (s === null ? '--:--' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);
try {
  const result = await issueCohortDocuments({
    gatewayUrl,
    cohort: Number(cohort),
    issuedOn,
    // Issuing is the Academic Committee's (§17 (2)): AUTHORIZATION, else a committee token of the demo key.
    authorization: await scriptAuthorization(config, 'committee'),
    onProgress: (p) => {
      const n = p.issued + p.skipped + p.failed;
      console.log(`[${n}/${p.total}] issued ${p.issued}, skipped ${p.skipped}, failed ${p.failed}   elapsed ${clock(p.elapsedSeconds)}, left ~${clock(p.etaSeconds)}`);
    },
  });
  for (const e of result.report) console.log(`  ${e.outcome.padEnd(7)} ${e.kind.padEnd(18)} ${e.name || e.studentId}: ${e.reason}${e.detail ? ` (${e.detail})` : ''}`);
  console.log(`cohort ${cohort}: ${result.issued} issued, ${result.skipped} skipped, ${result.failed} failed of ${result.total} in ${clock(result.elapsedSeconds)}; ${result.msPerDocument ?? '-'} ms per issued document`);
  process.exit(result.failed ? 1 : 0);
} catch (e) {
  if (e instanceof CohortIssueError) {
    console.error(`error: ${e.message} [${e.code}]`);
    process.exit(1);
  }
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
}
