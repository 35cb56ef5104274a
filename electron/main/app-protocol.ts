// The desktop renderer is loaded from app://flowgate/, a scheme of our own, instead of file://: a
// page on file:// may read other local files, and any local HTML file shares its origin, while
// app://flowgate is one origin that serves the built renderer folder and nothing else. The scheme is
// registered as privileged before the app is ready (standard and secure, so the page is a normal
// secure origin that its CSP still governs), and the handler is installed once it is.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { isInside } from '../backend/paths';
import { CONTENT_TYPES } from '../server/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'flowgate';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the main window loads. */
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before app ready. No bypassCSP: the app's CSP applies. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} satisfies CustomScheme;

function answer(status: number, text: string, csp: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * The handler for protocol.handle(APP_SCHEME, …): GET and HEAD of files inside `rendererDir` only.
 * `..` (plain or percent-encoded), backslashes, NUL and symlinks that lead out are refused; every
 * answer carries the app's CSP.
 */
export function createAppProtocolHandler(rendererDir: string, csp: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  const realRoot = realpath(root).catch(() => root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Only GET is allowed here.', csp);
    let url: URL;
    let path: string;
    try {
      url = new URL(request.url);
      path = decodeURIComponent(url.pathname);
    } catch {
      return answer(400, 'The address is not valid.', csp);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return answer(404, 'Not found.', csp);
    // Decoded, an address could name "..\", a NUL or an absolute path; none of them is ever a renderer file.
    if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return answer(403, 'That file is outside the app.', csp);
    const file = resolve(root, `.${sep}${path === '/' ? 'index.html' : path.replace(/^\/+/, '')}`);
    if (!isInside(root, file)) return answer(403, 'That file is outside the app.', csp);
    let real: string;
    try {
      real = await realpath(file);
      if (!(await stat(real)).isFile()) return answer(404, 'Not found.', csp);
    } catch {
      return answer(404, 'Not found.', csp);
    }
    // A symlink inside the folder must not lead out of it.
    if (!isInside(await realRoot, real)) return answer(403, 'That file is outside the app.', csp);
    const headers = {
      'Content-Type': CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    return new Response(request.method === 'HEAD' ? null : await readFile(real), { status: 200, headers });
  };
}
