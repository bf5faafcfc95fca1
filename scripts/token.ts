/**
 * `npm run token -- <role> [student id | examiner name]`: prints a bearer token for the running
 * demo hub (signed with the key `npm start` keeps in .data/auth). Roles: committee,
 * leuven-office, leuven-staff, muenster-office, muenster-staff, ttu-office, ttu-staff,
 * examiner [name], student <id>, coordinator.
 */
import { loadStartConfig } from './config.js';
import { DEMO_ROLES, demoIssuer, isDemoRole, loadOrCreateSigningKey, mintDemoToken } from './lib/tokens.js';

const [role, arg] = process.argv.slice(2);
if (!role || !isDemoRole(role)) {
  console.error(`usage: npm run token -- <${Object.keys(DEMO_ROLES).join('|')}> [student id | examiner name]`);
  process.exit(2);
}
try {
  const issuer = await demoIssuer(await loadOrCreateSigningKey(loadStartConfig().tokenKeyFile));
  console.log(await mintDemoToken(issuer, role, arg));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}
