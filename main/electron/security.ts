import type { Session, WebContents } from 'electron';

/*
 * The window's safety rules, in one place: the Content-Security-Policy (also written in
 * renderer/index.html, a unit test keeps both equal), no permissions, no navigation, no new
 * windows, no <webview>.
 */

/**
 * Only our own files: no remote code, no inline script, no eval. The two style hashes are the
 * one-line `<style>` react-dsfr injects for the colour scheme (`:root { color-scheme: light; }`
 * and `… dark; }`); no other inline style is allowed. Fonts and images may be data: URLs (DSFR
 * icons); pdf.js in the wizard needs a worker and blob: URLs for the preview.
 */
const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'sha256-HzhUjVBe6Oi2wcxUM7bmy2Rp9VdLMHYDdYr9MalNmOY=' 'sha256-xVQ4mcypV0CvOtZpQgVcKpcoNvdUkR9BrwZBrtBbU+w='",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

/** The policy sent as a response header by the Electron session (and the test harness). */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/** The same policy for renderer/index.html's <meta>: browsers ignore frame-ancestors there. */
export const META_CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/**
 * Denies every permission (camera, notifications, geolocation…) and adds the CSP header. With
 * `devServer` (unpackaged app on Vite's server) the header is left out: hot reload needs an
 * inline script. The built app loads from paraphe://app, whose responses carry the policy too
 * (app-protocol.ts), as does its <meta>.
 */
export function hardenSession(session: Session, options: { devServer?: boolean } = {}): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  if (options.devServer) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Keeps a web contents on our page: no navigation away, no new window, no <webview>. */
export function lockDownContents(contents: WebContents, isOwnPage: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
