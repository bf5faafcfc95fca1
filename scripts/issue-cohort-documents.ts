/**
 * Usage: npm run documents:issue-cohort -- <cohort> <issuedOn YYYY-MM-DD> [gateway URL]
 * Issues the diploma and Diploma Supplement of every graduate of the cohort through the gateway
 * (default GATEWAY_URL or http://127.0.0.1:4000/graphql) as the Academic Committee (AUTHORIZATION, or
 * a committee token of the demo key that npm start uses), printing progress.
 */
import { issueCohortDocuments } from './lib/issue-cohort.js';
import { loadDocumentsScriptConfig } from './config.js';
import { demoIssuer, loadOrCreateSigningKey, mintDemoToken } from './lib/tokens.js';

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
  // Issuing is the Academic Committee's (§17 (2)): AUTHORIZATION, else a committee token of the demo key.
  authorization: config.authorization || `Bearer ${await mintDemoToken(await demoIssuer(await loadOrCreateSigningKey(config.tokenKeyFile)), 'committee')}`,
  onProgress: (p) => {
    const n = p.done + p.skipped + p.failed;
    console.log(`[${n}/${p.total}] ${p.last.outcome.padEnd(7)} ${p.last.kind.padEnd(18)} ${p.last.name}${p.last.code ? ` (${p.last.code})` : ''} ${p.last.ms} ms   issued ${p.done}, skipped ${p.skipped}, failed ${p.failed}`);
  },
});
console.log(`cohort ${cohort}: ${result.done} issued, ${result.skipped} skipped, ${result.failed} failed of ${result.total}; ${result.msPerDocument ?? '-'} ms per issued document`);
process.exit(result.failed ? 1 : 0);
