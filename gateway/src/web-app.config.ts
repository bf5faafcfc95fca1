import { readString, readUrl, type Env } from '@pioneer/shared/config';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import type { JWK } from 'jose';

function invalid(name: string, why: string): never {
  throw new DomainError(ErrorCode.CONFIG_INVALID, `Configuration ${name}: ${why}`, { variable: name });
}

/**
 * The web app's part of the gateway configuration (read from config.ts, validated at start):
 *
 * - WEB_APP_DIR: the built app (default web/dist).
 * - DEMO_TOKEN_KEY: the demo identity provider's private JWK; `npm start` and the tests give it to
 *   the gateway in development and test only, and it is refused in production.
 * - WEB_OIDC_ISSUER, WEB_OIDC_CLIENT_ID, WEB_OIDC_SCOPE: an OpenID Connect provider the app signs
 *   in with (authorization code + PKCE, public client); both or neither of issuer and client id.
 */
export function readWebConfig(env: Env, mode: 'development' | 'production' | 'test', defaultDir: string) {
  let demoTokenKey: JWK | null = null;
  const rawKey = env.DEMO_TOKEN_KEY;
  if (rawKey) {
    if (mode === 'production') invalid('DEMO_TOKEN_KEY', 'the demo identity provider must not run in production');
    try {
      demoTokenKey = JSON.parse(rawKey) as JWK;
    } catch {
      invalid('DEMO_TOKEN_KEY', 'not JSON');
    }
    if (typeof demoTokenKey?.d !== 'string') invalid('DEMO_TOKEN_KEY', 'expected a private JWK (with d)');
  }
  const issuer = env.WEB_OIDC_ISSUER ? readUrl(env, 'WEB_OIDC_ISSUER', '') : null;
  const clientId = env.WEB_OIDC_CLIENT_ID || null;
  if ((issuer === null) !== (clientId === null)) invalid(issuer ? 'WEB_OIDC_CLIENT_ID' : 'WEB_OIDC_ISSUER', 'set both WEB_OIDC_ISSUER and WEB_OIDC_CLIENT_ID, or neither');
  if (issuer && mode === 'production' && new URL(issuer).protocol !== 'https:') invalid('WEB_OIDC_ISSUER', 'must be https in production');
  return {
    dir: readString(env, 'WEB_APP_DIR', defaultDir),
    demoTokenKey,
    oidc: issuer && clientId ? { issuer, clientId, scope: readString(env, 'WEB_OIDC_SCOPE', 'openid') } : null,
  };
}
