/**
 * Sign-in with an OpenID Connect provider: authorization code with PKCE (RFC 7636), as a public
 * client in the browser, with oauth4webapi. The access token the provider issues is what the
 * hub verifies (AUTH_JWKS / issuer / audience of the gateway), so it must be a JWT for the hub.
 */
import * as oauth from 'oauth4webapi';
import type { AppConfig } from './config';
import { BASE } from './router';

const PENDING_KEY = 'pioneer.oidc';
export const CALLBACK_PATH = '/signed-in';

function redirectUri(): string {
  return `${window.location.origin}${BASE}${CALLBACK_PATH}`;
}

async function discover(config: NonNullable<AppConfig['oidc']>) {
  const issuer = new URL(config.issuer);
  // Plain http only for a provider on this machine (development); production providers use https.
  const options = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...options });
  return { as: await oauth.processDiscoveryResponse(issuer, response), options };
}

/** Sends the browser to the provider. */
export async function beginSignIn(config: NonNullable<AppConfig['oidc']>): Promise<void> {
  const { as } = await discover(config);
  if (!as.authorization_endpoint) throw new Error('The identity provider has no authorization endpoint.');
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ codeVerifier, state }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  window.location.assign(url.href);
}

/** On return from the provider: exchanges the code for tokens; returns the access token. */
export async function completeSignIn(config: NonNullable<AppConfig['oidc']>, currentUrl: URL): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { codeVerifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending) throw new Error('This sign-in was not started here; please start again.');
  const { as, options } = await discover(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, currentUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.codeVerifier, options);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return result.access_token;
}
