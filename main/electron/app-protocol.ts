import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

/*
 * The renderer is served on its own scheme, `paraphe://app/…`, rather than from file://:
 * Chromium gives file:// pages an opaque origin, under which module scripts and module workers
 * (pdf.js) depend on Electron's extra file privileges; a standard, secure scheme behaves like
 * a web origin, its `'self'` is exact, and those privileges can be switched off by a fuse.
 * Pure Node: main.ts registers it with Electron, the test harness serves the same files with it.
 */

/** The app's scheme and its single host. */
export const APP_SCHEME = 'paraphe';
export const APP_HOST = 'app';
/** What the window loads. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready (`protocol.registerSchemesAsPrivileged`). */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } as const;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

const notFound = () => new Response('introuvable', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * One file of the built renderer (`root` = out/renderer) for a URL path: only files under
 * root, with their type, the app's CSP and no caching; anything else is a 404.
 */
export async function serveRendererPath(root: string, pathname: string, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return new Response('méthode refusée', { status: 405 });
  let rel: string;
  try {
    rel = decodeURIComponent(pathname === '/' || pathname === '' ? '/index.html' : pathname);
  } catch {
    return notFound();
  }
  if (rel.includes('\0')) return notFound();
  const base = normalize(root) + sep;
  const file = normalize(join(base, rel));
  if (!file.startsWith(base)) return notFound();
  try {
    if (!(await stat(file)).isFile()) return notFound();
    const body = method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  } catch {
    return notFound();
  }
}

/** The handler Electron calls for `paraphe://…` (`protocol.handle`): only the app host is served. */
export function appProtocolHandler(root: string): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    return serveRendererPath(root, url.pathname, request.method ?? 'GET');
  };
}
