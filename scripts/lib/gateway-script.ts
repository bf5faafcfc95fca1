import { loadDocumentsScriptConfig } from '../config.js';
import { demoIssuer, loadOrCreateSigningKey, mintDemoToken, type DemoRole } from './tokens.js';

type ScriptConfig = ReturnType<typeof loadDocumentsScriptConfig>;

/** The gateway a command-line script calls: its argument, else GATEWAY_URL; not a URL → usage error (exit 2). */
export function gatewayUrlOrExit(url: string | undefined, config: ScriptConfig): string {
  const gatewayUrl = url ?? config.gatewayUrl;
  try {
    new URL(gatewayUrl);
  } catch {
    console.error(`error: ${gatewayUrl} is not a URL`);
    process.exit(2);
  }
  return gatewayUrl;
}

/** AUTHORIZATION when set, else a token for `role` from the demo key that npm start keeps in .data. */
export async function scriptAuthorization(config: ScriptConfig, role: DemoRole): Promise<string> {
  return config.authorization || `Bearer ${await mintDemoToken(await demoIssuer(await loadOrCreateSigningKey(config.tokenKeyFile)), role)}`;
}
