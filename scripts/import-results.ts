/**
 * Usage: npm run import -- <leuven|muenster|ttu> <file.csv> [--commit] [gateway URL]
 * Imports a results CSV of the university's own system through the gateway (default GATEWAY_URL
 * or http://127.0.0.1:4000/graphql) as its examinations office (AUTHORIZATION, or an office
 * token of the demo key that npm start keeps in .data): a dry run first, printing every line's
 * outcome; with --commit the file is then recorded, all or nothing (docs/examinations-office.md).
 */
import { loadDocumentsScriptConfig } from './config.js';
import { ImportError, importResultsFile, UNIVERSITIES, type UniversityField } from './lib/import-results.js';
import { gatewayUrlOrExit, scriptAuthorization } from './lib/gateway-script.js';

const args = process.argv.slice(2);
const commit = args.includes('--commit');
const [university, path, url] = args.filter((a) => a !== '--commit');
if (!university || !UNIVERSITIES.includes(university as UniversityField) || !path) {
  console.error(`usage: npm run import -- <${UNIVERSITIES.join('|')}> <file.csv> [--commit] [gateway URL]`);
  process.exit(2);
}
const config = loadDocumentsScriptConfig();
const gatewayUrl = gatewayUrlOrExit(url, config);
try {
  const field = university as UniversityField;
  const authorization = await scriptAuthorization(config, `${field}-office`);
  process.exit(await importResultsFile({ gatewayUrl, authorization, university: field, path, commit, log: (line) => console.log(line) }));
} catch (e) {
  console.error(`error: ${e instanceof ImportError ? e.message : (e as Error).message}`);
  process.exit(1);
}
