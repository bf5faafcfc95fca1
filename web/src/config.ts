/** What the gateway tells the app about sign-in (GET /app/config.json, from the gateway's configuration). */
export interface AppConfig {
  mode: 'development' | 'test' | 'production';
  /** The demo identity provider's sign-in (development and test only). */
  demoSignIn: boolean;
  /** An OpenID Connect provider (authorization code with PKCE), when configured. */
  oidc: { issuer: string; clientId: string; scope: string } | null;
  /** GraphiQL at /graphql (development only). */
  graphiql: boolean;
}

let cached: Promise<AppConfig> | null = null;

export function loadConfig(): Promise<AppConfig> {
  cached ??= fetch('/app/config.json', { headers: { accept: 'application/json' } }).then(async (r) => {
    if (!r.ok) throw new Error(`The app's configuration could not be read (HTTP ${r.status}).`);
    return (await r.json()) as AppConfig;
  });
  return cached;
}
