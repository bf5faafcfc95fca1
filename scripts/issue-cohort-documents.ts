/**
 * Usage: npm run documents:issue-cohort -- <cohort> <issuedOn YYYY-MM-DD> [gateway URL]
 * Issues the diploma and Diploma Supplement of every graduate of the cohort through the gateway
 * (default GATEWAY_URL or http://127.0.0.1:4000/graphql; AUTHORIZATION is sent when set), printing progress.
 */
import { issueCohortDocuments } from './lib/issue-cohort.js';
import { loadDocumentsScriptConfig } from './config.js';

const config = loadDocumentsScriptConfig();

const [cohort, issuedOn, url] = process.argv.slice(2);
if (!cohort || !/^\d{4}$/.test(cohort) || !issuedOn || !/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) {
  console.error('usage: npm run documents:issue-cohort -- <cohort> <issuedOn YYYY-MM-DD> [gateway URL]');
  process.exit(2);
}
const result = await issueCohortDocuments({
  gatewayUrl: url ?? config.gatewayUrl,
  cohort: Number(cohort),
  issuedOn,
  ...(config.authorization ? { authorization: config.authorization } : {}),
  onProgress: (p) => {
    const n = p.done + p.skipped + p.failed;
    console.log(`[${n}/${p.total}] ${p.last.outcome.padEnd(7)} ${p.last.kind.padEnd(18)} ${p.last.name}${p.last.code ? ` (${p.last.code})` : ''} ${p.last.ms} ms   issued ${p.done}, skipped ${p.skipped}, failed ${p.failed}`);
  },
});
console.log(`cohort ${cohort}: ${result.done} issued, ${result.skipped} skipped, ${result.failed} failed of ${result.total}; ${result.msPerDocument ?? '-'} ms per issued document`);
process.exit(result.failed ? 1 : 0);
