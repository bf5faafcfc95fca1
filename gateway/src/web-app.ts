/**
 * The web app (web/, built into web/dist) served by the gateway's host at /app, same origin as
 * /graphql, so the app needs no CORS and its Content-Security-Policy can forbid every other host.
 * Also: /app/config.json (how to sign in), the demo sign-in routes, and `/` → `/app/`.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ErrorCode } from '@pioneer/shared/errors';
import type { GatewayConfig } from './config.js';
import { createDemoSignIn } from './demo-sign-in.js';

type Execute = (body: string, headers: Record<string, string>) => Promise<Response>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The policy of every app page: nothing from any host but this one (and the OIDC provider, when configured). */
export function contentSecurityPolicy(oidcIssuer: string | null): string {
  const provider = oidcIssuer ? ` ${new URL(oidcIssuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets widths of bars as style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // blob: so the app (and its tests) may read back the documents it downloaded with the token.
    `connect-src 'self' blob:${provider}`,
    `form-action 'self'${provider}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

export function createWebApp(config: GatewayConfig, execute: Execute) {
  const dir = normalize(config.web.dir);
  const demo = config.web.demoTokenKey ? createDemoSignIn(config.web.demoTokenKey, execute) : null;
  const csp = contentSecurityPolicy(config.web.oidc?.issuer ?? null);
  const appConfig = JSON.stringify({ mode: config.mode, demoSignIn: demo !== null, oidc: config.web.oidc, graphiql: config.mode === 'development' });

  function serveFile(req: IncomingMessage, res: ServerResponse, file: string, immutable: boolean): void {
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(statSync(file).size),
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (file.endsWith('.html')) {
      headers['content-security-policy'] = csp;
      headers['x-frame-options'] = 'DENY';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  /** Handles the request when it is the app's; returns false for anything else (GraphQL, documents). */
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/' || path === '/app' || path === '/dashboard') {
      res.writeHead(302, { location: path === '/dashboard' ? '/app/dashboard' : '/app/' });
      res.end();
      return true;
    }
    if (path.startsWith('/auth/demo/')) {
      if (!demo) refuse(res, 404, ErrorCode.NOT_FOUND, 'The demo identity provider is off (production, or no demo key)');
      else void demo(req, res, path).catch(() => refuse(res, 500, ErrorCode.INTERNAL, 'The demo sign-in failed'));
      return true;
    }
    if (!path.startsWith('/app/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      refuse(res, 405, ErrorCode.BAD_USER_INPUT, 'The app is read with GET');
      return true;
    }
    if (path === '/app/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(appConfig);
      return true;
    }
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The web app has not been built. Run `npm run web:build` (npm start and npm test do it).\n');
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice('/app/'.length));
    } catch {
      refuse(res, 400, ErrorCode.BAD_USER_INPUT, 'Bad path');
      return true;
    }
    const file = normalize(join(dir, relative));
    // Only files inside the build directory; anything else is a screen of the app (client-side route).
    if (relative && file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile()) {
      serveFile(req, res, file, relative.startsWith('assets/'));
    } else if (relative.startsWith('assets/')) {
      refuse(res, 404, ErrorCode.NOT_FOUND, 'Not found');
    } else {
      serveFile(req, res, index, false);
    }
    return true;
  };
}
