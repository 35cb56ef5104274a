// Hardening that does not depend on any one window: the CSP header, permission denial, and
// navigation / new-window / webview blocking applied to every webContents the app ever creates.
import type { App, Session, WebContents } from 'electron';
import type { OriginPolicy } from './app-origin';

/**
 * The renderer's Content-Security-Policy. Only the app's own scripts run; styles may be inline
 * because React Flow positions nodes with style attributes; images may be data:/blob: for the
 * PNG/SVG export. Nothing may be fetched from, framed from or posted to anywhere else.
 * The dev server needs inline scripts (React Refresh preamble) and its HMR websocket.
 */
export function contentSecurityPolicy(devOrigin: string | null): string {
  const dev = devOrigin ? ` ${devOrigin} ${devOrigin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${devOrigin ? " 'unsafe-inline'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' data: blob:${dev}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Adds the CSP to every response for the app's pages, and denies every permission (camera, notifications…). */
export function hardenSession(session: Session, policy: OriginPolicy): void {
  const csp = contentSecurityPolicy(policy.devOrigin);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!policy.isAppUrl(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Ours replaces any CSP the dev server might send, so the policy is the same in dev and production.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Keeps a webContents on the app's own page: no navigation away, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents, policy: OriginPolicy): void {
  contents.on('will-navigate', (event, url) => {
    if (!policy.isSamePage(contents.getURL(), url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies hardenWebContents to every webContents, including any created later. */
export function hardenAllWebContents(app: App, policy: OriginPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
}
